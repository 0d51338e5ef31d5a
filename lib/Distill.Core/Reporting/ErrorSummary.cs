using Distill.Evaluation;

namespace Distill.Reporting;

/// <summary>What a run's error analysis found for one system, for the report's details.</summary>
/// <param name="System">The system's name.</param>
/// <param name="ByCause">Entity-level errors per cause (missed, spurious, boundary, type, ...).</param>
/// <param name="TopGroups">The most frequent errors by cause and surface form (the full list is in the CSV).</param>
public sealed record ErrorSummary(string System, IReadOnlyDictionary<ErrorCause, int> ByCause, IReadOnlyList<ErrorGroupRow> TopGroups)
{
    public int Total => ByCause.Values.Sum();
}
