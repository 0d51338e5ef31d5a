using Distill.Corpora;

namespace Distill.Evaluation;

/// <summary>
/// The precision/recall/F1 curve of a thresholded labeler on gold documents (token level, as the study scores
/// teachers): how a teacher's threshold is chosen on the dev split. The labeler's expensive part (scoring
/// candidates) is done once by the caller; <c>spansAt</c> only applies a threshold.
/// </summary>
public static class ThresholdSweep
{
    /// <param name="gold">The documents with their gold spans (dev, never test, when choosing).</param>
    /// <param name="entityType">The type scored.</param>
    /// <param name="thresholds">Thresholds to try, in the order rows are wanted.</param>
    /// <param name="spansAt">The spans of document <c>i</c> of <paramref name="gold"/> at threshold <c>t</c>: <c>(t, i) → spans</c>.</param>
    public static IReadOnlyList<ThresholdPoint> Run(IReadOnlyList<Document> gold, string entityType, IReadOnlyList<double> thresholds,
        Func<double, int, IEnumerable<EntitySpan>> spansAt)
    {
        var scorer = new TokenLevelScorer();
        var prepared = scorer.Prepare(gold, [entityType]);
        return thresholds.Select(t =>
        {
            var predicted = gold.Select((d, i) => d.WithSpans(spansAt(t, i).Where(s => s.Type == entityType))).ToArray();
            return new ThresholdPoint(t, scorer.Count(prepared, predicted).Summarize().PerType[entityType]);
        }).ToArray();
    }

    /// <summary>The point with the highest F1 (the lower threshold on a tie).</summary>
    public static ThresholdPoint BestF1(IReadOnlyList<ThresholdPoint> points) =>
        points.OrderByDescending(p => p.Score.F1).ThenBy(p => p.Threshold).First();
}
