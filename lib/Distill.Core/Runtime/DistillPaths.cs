namespace Distill.Runtime;

/// <summary>
/// Where the toolkit's own files are: the shipped data (<c>data/</c>), prompt templates (<c>prompts/</c>), dataset
/// manifests (<c>data-manifests/</c>), notebooks, the local cache (<c>.cache/</c>: teacher answers, imported models,
/// encoders), and the public data staged beside a checkout (<c>../shared/data</c>). A study gets one of these
/// through its <c>StudyContext</c>; the CLI and notebooks resolve it once with <see cref="Discover"/>, so the library
/// runs from a checkout, from a published folder that carries <c>data/</c>, or from anywhere <c>DISTILL_HOME</c> names.
/// </summary>
/// <param name="Home">The checkout or install folder.</param>
/// <param name="CacheDirectory">Local caches (default <c>&lt;home&gt;/.cache</c>).</param>
public sealed record DistillPaths(string Home, string CacheDirectory)
{
    public const string HomeVariable = "DISTILL_HOME";

    public DistillPaths(string home) : this(Path.GetFullPath(home), Path.Combine(Path.GetFullPath(home), ".cache")) { }

    /// <summary>The shipped data folder.</summary>
    public string Data => Path.Combine(Home, "data");

    /// <summary>A path under <see cref="Data"/>, e.g. <c>DataFile("mesh", "mesh-terms.tsv")</c>.</summary>
    public string DataFile(params string[] parts) => Path.Combine([Data, .. parts]);

    public string Prompts => Path.Combine(Home, "prompts");
    public string DataManifests => Path.Combine(Home, "data-manifests");
    public string Notebooks => Path.Combine(Home, "notebooks");

    /// <summary>The SQLite teacher cache every labeling goes through (one file for <c>label</c>, <c>search</c> and <c>reproduce</c>).</summary>
    public string TeacherCache => Path.Combine(CacheDirectory, "teachers.sqlite");

    /// <summary>Public data staged beside a checkout (CI and the tests read ADE-Corpus-V2, MTSamples and the like there).</summary>
    public string SharedData => Path.GetFullPath(Path.Combine(Home, "..", "shared", "data"));

    /// <summary>The paths found once per process by <see cref="Discover"/>: what a library call uses when it is given none.</summary>
    public static DistillPaths Default => discovered.Value;

    static readonly Lazy<DistillPaths> discovered = new(() => Discover());

    /// <summary>
    /// <c>DISTILL_HOME</c> when set; else the first folder holding <c>Research.sln</c> above the program or the working
    /// folder (a checkout); else the program's folder when it carries <c>data/</c> (a published tool).
    /// </summary>
    public static DistillPaths Discover(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var overridden = environment(HomeVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
            return Directory.Exists(overridden)
                ? new DistillPaths(overridden)
                : throw new DirectoryNotFoundException($"{HomeVariable} is set to '{overridden}', which is not a folder.");
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Research.sln")))
                    return new DistillPaths(dir.FullName);
        if (Directory.Exists(Path.Combine(AppContext.BaseDirectory, "data")))
            return new DistillPaths(AppContext.BaseDirectory);
        throw new DirectoryNotFoundException(
            $"Could not find the toolkit's data: no Research.sln above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}, and no data/ beside the program; set {HomeVariable} to the checkout.");
    }
}
