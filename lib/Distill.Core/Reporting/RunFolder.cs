using System.Text.RegularExpressions;

namespace Distill.Reporting;

/// <summary>
/// The layout of <c>results/&lt;run-id&gt;/</c>: <c>manifest.json</c>; inputs saved so the report can be
/// rebuilt (<c>gold.jsonl</c>, <c>predictions/&lt;system&gt;.jsonl</c>, optional <c>costs.json</c> and
/// <c>epochs.json</c>); outputs (<c>scores.json</c>, <c>tables/</c>, <c>errors/</c>, <c>plots/</c>, <c>report.html</c>).
/// </summary>
public sealed partial record RunFolder(string Root)
{
    public const string DefaultResultsFolder = "results";

    public static RunFolder For(string resultsFolder, string runId)
    {
        CheckName(runId, "run id");
        return new RunFolder(Path.GetFullPath(Path.Combine(resultsFolder, runId)));
    }

    /// <summary>A run id from the time: <c>yyyyMMdd-HHmmss</c> (UTC), sortable.</summary>
    public static string NewRunId(DateTimeOffset now) => now.UtcDateTime.ToString("yyyyMMdd-HHmmss");

    public string RunId => Path.GetFileName(Root);
    public string Manifest => Path.Combine(Root, "manifest.json");
    public string Gold => Path.Combine(Root, "gold.jsonl");
    public string PredictionsFolder => Path.Combine(Root, "predictions");
    public string Costs => Path.Combine(Root, "costs.json");
    public string Epochs => Path.Combine(Root, "epochs.json");
    public string Scores => Path.Combine(Root, "scores.json");
    public string Tables => Path.Combine(Root, "tables");
    public string Errors => Path.Combine(Root, "errors");
    public string Plots => Path.Combine(Root, "plots");
    public string Report => Path.Combine(Root, "report.html");

    /// <summary>Path relative to the run folder of a system's saved predictions.</summary>
    public static string PredictionsFileFor(string system)
    {
        CheckName(system, "system name");
        return Path.Combine("predictions", system + ".jsonl");
    }

    /// <summary>Names become file names, so they are kept to letters, digits, '.', '_', '-' (and no leading dot).</summary>
    public static void CheckName(string name, string what)
    {
        if (!SafeName().IsMatch(name))
            throw new ArgumentException($"The {what} '{name}' cannot name a file; use letters, digits, '.', '_' and '-' (not starting with '.').");
    }

    [GeneratedRegex(@"^[A-Za-z0-9_\-][A-Za-z0-9_.\-]{0,99}$")]
    private static partial Regex SafeName();
}
