namespace Distill.Notebooks;

/// <summary>A <c>#r "nuget:..."</c> package that is not in the local cache.</summary>
public sealed class NuGetPackageNotFoundException(string message) : Exception(message);

/// <summary>
/// Resolves <c>#r "nuget:Name,Version"</c> against the local NuGet package cache (no network): the assemblies
/// under <c>&lt;root&gt;/&lt;lower-case name&gt;/&lt;version&gt;/lib/&lt;best framework&gt;/</c>. Dependencies are not
/// followed; the packages the library already uses (TorchSharp, Plotly.NET, Microsoft.Data.Analysis, ...) are
/// loaded in every session anyway.
/// </summary>
/// <param name="Root">Cache folder; defaults to NUGET_PACKAGES or ~/.nuget/packages.</param>
public sealed record NuGetCache(string Root)
{
    /// <summary>Framework folders this runtime can load, best first.</summary>
    static readonly string[] FrameworkPreference =
    [
        "net10.0", "net9.0", "net8.0", "net7.0", "net6.0", "net5.0", "netcoreapp3.1", "netcoreapp3.0",
        "netcoreapp2.1", "netstandard2.1", "netstandard2.0", "netstandard1.6", "netstandard1.3", "netstandard1.1", "netstandard1.0",
    ];

    public static NuGetCache Default()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        return new NuGetCache(!string.IsNullOrWhiteSpace(fromEnvironment)
            ? fromEnvironment
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"));
    }

    /// <summary>Assembly paths of the package; the highest cached version when <paramref name="version"/> is null.</summary>
    public IReadOnlyList<string> ResolveAssemblies(string name, string? version)
    {
        var packageDir = Path.Combine(Root, name.ToLowerInvariant());
        if (!Directory.Exists(packageDir))
            throw new NuGetPackageNotFoundException(
                $"package {name} is not in the local NuGet cache ({packageDir} does not exist); add it to a project and run `dotnet restore`, then run again.");
        var chosen = version ?? Directory.GetDirectories(packageDir).Select(Path.GetFileName).OfType<string>()
            .OrderByDescending(v => Version.TryParse(v.Split('-')[0], out var parsed) ? parsed : new Version(0, 0)).FirstOrDefault();
        var versionDir = chosen is null ? null : Path.Combine(packageDir, chosen.ToLowerInvariant());
        if (versionDir is null || !Directory.Exists(versionDir))
        {
            var available = string.Join(", ", Directory.GetDirectories(packageDir).Select(Path.GetFileName));
            throw new NuGetPackageNotFoundException(
                $"package {name} version {version} is not in the local NuGet cache ({packageDir}); cached versions: {(available.Length > 0 ? available : "none")}.");
        }
        var lib = Path.Combine(versionDir, "lib");
        var framework = FrameworkPreference.Select(f => Path.Combine(lib, f)).FirstOrDefault(Directory.Exists);
        if (framework is null)
            throw new NuGetPackageNotFoundException(
                $"package {name} {chosen} has no assemblies for .NET (looked for lib/<{string.Join("|", FrameworkPreference)}> under {versionDir}).");
        return Directory.GetFiles(framework, "*.dll").Order(StringComparer.Ordinal).ToList();
    }
}
