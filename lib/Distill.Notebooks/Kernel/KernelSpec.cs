using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.IO;

namespace Distill.Notebooks.Kernel;

/// <summary>
/// Writes the kernelspec Jupyter Lab/Notebook and VS Code use to list and start the kernel
/// (https://jupyter-client.readthedocs.io/en/stable/kernels.html#kernel-specs).
/// </summary>
public static class KernelSpec
{
    public const string DefaultName = "distill-csharp";
    public const string DisplayName = "C# (distill)";

    /// <summary>Folder holding <c>kernels/</c>: the user's Jupyter data folder, or <c>&lt;prefix&gt;/share/jupyter</c>.</summary>
    public static string DataDirectory(string? prefix)
    {
        if (prefix is not null)
            return Path.Combine(Path.GetFullPath(prefix), "share", "jupyter");
        var fromEnvironment = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return fromEnvironment;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS()) return Path.Combine(home, "Library", "Jupyter");
        if (OperatingSystem.IsWindows()) return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        return Path.Combine(string.IsNullOrWhiteSpace(xdg) ? Path.Combine(home, ".local", "share") : xdg, "jupyter");
    }

    /// <summary>
    /// The command that starts this tool: the apphost itself, or <c>dotnet distill.dll</c> when run through the
    /// dotnet host.
    /// </summary>
    public static IReadOnlyList<string> CurrentToolCommand()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell which executable is running.");
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(entry)
            ? [process, entry]
            : [process];
    }

    /// <summary>Writes <c>kernels/&lt;name&gt;/kernel.json</c> under <paramref name="dataDirectory"/>; returns its folder.</summary>
    public static string Install(string dataDirectory, IReadOnlyList<string> toolCommand, string name = DefaultName)
    {
        var folder = Path.Combine(dataDirectory, "kernels", name);
        Directory.CreateDirectory(folder);
        var argv = new JsonArray(toolCommand.Concat(["kernel", "run", "{connection_file}"]).Select(a => (JsonNode?)JsonValue.Create(a)).ToArray());
        var spec = new JsonObject
        {
            ["argv"] = argv,
            ["display_name"] = DisplayName,
            ["language"] = "csharp",
            // The kernel handles interrupt_request on the control channel (a signal cannot stop a .NET thread).
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject { ["debugger"] = false },
        };
        var path = Path.Combine(folder, "kernel.json");
        AtomicFile.WriteAllText(path, spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return folder;
    }
}
