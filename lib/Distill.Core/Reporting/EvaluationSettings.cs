using Distill.Evaluation;

namespace Distill.Reporting;

/// <summary>Settings of the evaluation a run's report uses; saved in the manifest so <c>distill report</c> rebuilds the same numbers.</summary>
/// <param name="Bootstrap">Resamples, seed and coverage of the intervals and paired tests.</param>
/// <param name="Errors">Context window of the error analysis.</param>
/// <param name="Types">Entity types scored; null means the types present in gold.</param>
/// <param name="ReferenceSystem">System the others are compared with (paired tests, cost ratios); null means the first.</param>
/// <param name="TopErrorGroups">Rows kept in each error-group table (the CSV export keeps every error).</param>
/// <param name="WritePlots">Whether to draw the plots (each standalone page inlines ~3.6 MB of plotly.js and takes about a second).</param>
public sealed record EvaluationSettings(
    BootstrapOptions Bootstrap,
    ErrorAnalysisOptions Errors,
    IReadOnlyList<string>? Types = null,
    string? ReferenceSystem = null,
    int TopErrorGroups = 50,
    bool WritePlots = true)
{
    public static EvaluationSettings Default { get; } = new(new BootstrapOptions(), new ErrorAnalysisOptions());
}
