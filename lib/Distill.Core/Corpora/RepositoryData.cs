namespace Distill.Corpora;

/// <summary>
/// Finds the repository checkout and its shipped data (<c>data/</c>), so the tool and notebooks run on
/// a fresh clone with no download. The DISTILL_HOME environment variable overrides the search.
/// </summary>
public static class RepositoryData
{
    /// <summary>The folder holding Research.sln (or DISTILL_HOME).</summary>
    public static string Root => root.Value;

    /// <summary>A path under the repository's <c>data/</c> folder, e.g. <c>Path("ncbi-disease")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, "data", .. parts]);

    static readonly Lazy<string> root = new(Find);

    static string Find()
    {
        var overridden = Environment.GetEnvironmentVariable("DISTILL_HOME");
        if (!string.IsNullOrWhiteSpace(overridden))
            return Directory.Exists(overridden)
                ? System.IO.Path.GetFullPath(overridden)
                : throw new DirectoryNotFoundException($"DISTILL_HOME is set to '{overridden}', which is not a folder.");
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Research.sln")))
                    return dir.FullName;
        throw new DirectoryNotFoundException(
            $"Could not find the repository (a folder with Research.sln) above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; set DISTILL_HOME to the checkout.");
    }
}
