using System.Text.RegularExpressions;

namespace Distill.Notebooks;

/// <summary>A cell's code after notebook directives were handled, ready for the C# script compiler.</summary>
/// <param name="Code">Source with directives blanked out (lines keep their numbers for error messages).</param>
/// <param name="NuGetReferences">Assembly files the cell's <c>#r "nuget:..."</c> lines resolved to.</param>
public sealed record PreparedCell(string Code, IReadOnlyList<string> NuGetReferences);

/// <summary>A notebook directive the runner cannot honour (unknown magic, package not in the local cache).</summary>
public sealed class CellDirectiveException(string message, int line) : Exception(message)
{
    /// <summary>1-based line within the cell.</summary>
    public int Line { get; } = line;
}

/// <summary>
/// Handles the directives .NET Interactive notebooks use, so the same files run here: <c>#!csharp</c> cell magics
/// are dropped, <c>#i</c> package sources are ignored (packages come from the local NuGet cache only), and
/// <c>#r "nuget:Name,Version"</c> becomes references to the cached package's assemblies. Plain <c>#r "file.dll"</c>
/// stays: Roslyn resolves it against the notebook's folder.
/// </summary>
public static partial class CellSource
{
    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<name>[^,"\s]+)\s*(,\s*(?<version>[^"\s]+))?\s*"\s*$""")]
    private static partial Regex NuGetReference();

    [GeneratedRegex("""^\s*#!(?<magic>\S+)""")]
    private static partial Regex Magic();

    [GeneratedRegex("""^\s*#i\s+"[^"]*"\s*$""")]
    private static partial Regex PackageSource();

    static readonly HashSet<string> CSharpMagics = new(StringComparer.OrdinalIgnoreCase) { "csharp", "c#", "cs" };

    /// <summary>
    /// Blanks C# cell magics and <c>#i</c> lines with spaces, so offsets into the text stay valid (for parsing the
    /// parameters cell and for completion at a cursor position).
    /// </summary>
    public static string StripMagics(string source) =>
        string.Join("\n", source.Split('\n').Select(line =>
            (Magic().Match(line) is { Success: true } m && CSharpMagics.Contains(m.Groups["magic"].Value)) || PackageSource().IsMatch(line)
                ? new string(' ', line.Length)
                : line));

    public static PreparedCell Prepare(string source, NuGetCache nuget)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var references = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (Magic().Match(line) is { Success: true } magic)
            {
                if (!CSharpMagics.Contains(magic.Groups["magic"].Value))
                    throw new CellDirectiveException(
                        $"magic '#!{magic.Groups["magic"].Value}' is not supported: only C# cells run here (#!csharp is accepted and ignored).", i + 1);
                lines[i] = "";
            }
            else if (PackageSource().IsMatch(line))
                lines[i] = ""; // #i adds a package source; this runner only reads the local cache.
            else if (NuGetReference().Match(line) is { Success: true } package)
            {
                var version = package.Groups["version"].Success ? package.Groups["version"].Value : null;
                try
                {
                    references.AddRange(nuget.ResolveAssemblies(package.Groups["name"].Value, version));
                }
                catch (NuGetPackageNotFoundException e)
                {
                    throw new CellDirectiveException(e.Message, i + 1);
                }
                lines[i] = "";
            }
        }
        return new PreparedCell(string.Join("\n", lines), references);
    }
}
