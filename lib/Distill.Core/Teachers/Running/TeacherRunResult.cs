using Distill.Corpora;

namespace Distill.Teachers.Running;

/// <summary>Totals of a labeling run (or of one teacher's part of it).</summary>
/// <param name="Labeled">Labelings that succeeded (computed now or replayed).</param>
/// <param name="FromCache">Of all labelings, those replayed from the cache.</param>
/// <param name="Failed">Labelings with an error.</param>
/// <param name="InputTokens">Prompt tokens of the original calls (replayed ones included: it is the cost of the labels).</param>
/// <param name="OutputTokens">Completion tokens of the original calls.</param>
/// <param name="CostUsd">Price of the original calls.</param>
/// <param name="SpentUsd">Price of the calls made in this run (cache hits cost nothing now).</param>
/// <param name="WallTime">Wall time of the run.</param>
public sealed record TeacherRunSummary(int Labeled, int FromCache, int Failed, long InputTokens, long OutputTokens, decimal CostUsd, decimal SpentUsd, TimeSpan WallTime)
{
    public static TeacherRunSummary Of(IReadOnlyCollection<TeacherLabeling> labelings, TimeSpan wallTime) => new(
        labelings.Count(l => l.Succeeded),
        labelings.Count(l => l.FromCache),
        labelings.Count(l => !l.Succeeded),
        labelings.Sum(l => (long)l.InputTokens),
        labelings.Sum(l => (long)l.OutputTokens),
        labelings.Sum(l => l.CostUsd),
        labelings.Where(l => !l.FromCache).Sum(l => l.CostUsd),
        wallTime);
}

/// <summary>
/// Every labeling of a run, in a fixed order (teacher, entity type, document as given), and the summary.
/// The subset-search stage reads per-teacher spans and per-note cost and latency from here.
/// </summary>
public sealed record TeacherRunResult(IReadOnlyList<TeacherLabeling> Labelings, TeacherRunSummary Summary)
{
    public IReadOnlyList<string> Teachers => Labelings.Select(l => l.Teacher).Distinct().ToArray();

    /// <summary>The labelings of one teacher and entity type, keyed by document id.</summary>
    public IReadOnlyDictionary<string, TeacherLabeling> Of(string teacher, string entityType) =>
        Labelings.Where(l => l.Teacher == teacher && l.EntityType == entityType).ToDictionary(l => l.DocumentId);

    /// <summary>The documents with one teacher's spans of one entity type in place of the gold spans (failed labelings: no spans).</summary>
    public IReadOnlyList<Document> AsDocuments(IEnumerable<Document> documents, string teacher, string entityType)
    {
        var byId = Of(teacher, entityType);
        return documents.Select(d => d.WithSpans(byId.TryGetValue(d.Id, out var l) ? l.Spans : [])).ToArray();
    }

    /// <summary>Totals for one teacher (wall time: the whole run's).</summary>
    public TeacherRunSummary SummaryOf(string teacher) =>
        TeacherRunSummary.Of(Labelings.Where(l => l.Teacher == teacher).ToArray(), Summary.WallTime);
}
