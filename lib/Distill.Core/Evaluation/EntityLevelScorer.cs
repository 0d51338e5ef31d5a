using Distill.Corpora;

namespace Distill.Evaluation;

/// <summary>
/// Entity-level counts, strict (exact start, end and type) or lenient (overlap with the same type), per
/// document and type. Repeated identical spans on one side count once, as a set of mentions.
/// </summary>
public static class EntityLevelScorer
{
    /// <summary>Counts for gold and predictions already aligned by <see cref="DocumentPairing.Align"/>.</summary>
    public static DocumentCounts Count(IReadOnlyList<Document> gold, IReadOnlyList<Document> alignedPredictions,
        IReadOnlyList<string> types, MatchingMode mode)
    {
        if (mode is not (MatchingMode.EntityStrict or MatchingMode.EntityLenient))
            throw new ArgumentException($"Entity-level scoring is {MatchingMode.EntityStrict} or {MatchingMode.EntityLenient}, not {mode}.");
        if (alignedPredictions.Count != gold.Count)
            throw new ArgumentException($"{alignedPredictions.Count} predicted documents for {gold.Count} gold documents; align them first.");
        var k = types.Count;
        var tp = new int[gold.Count * k];
        var fp = new int[gold.Count * k];
        var fn = new int[gold.Count * k];
        var ptp = mode == MatchingMode.EntityLenient ? new int[gold.Count * k] : tp;
        for (var d = 0; d < gold.Count; d++)
            for (var t = 0; t < k; t++)
            {
                var g = Distinct(gold[d].SpansOf(types[t]));
                var p = Distinct(alignedPredictions[d].SpansOf(types[t]));
                var cell = d * k + t;
                if (mode == MatchingMode.EntityStrict)
                {
                    var matched = g.Count(x => p.Contains(x));
                    tp[cell] = matched;
                    fp[cell] = p.Count - matched;
                    fn[cell] = g.Count - matched;
                }
                else
                {
                    var goldMatched = g.Count(x => p.Any(y => Overlaps(x, y)));
                    var predMatched = p.Count(y => g.Any(x => Overlaps(x, y)));
                    tp[cell] = goldMatched;
                    ptp[cell] = predMatched;
                    fp[cell] = p.Count - predMatched;
                    fn[cell] = g.Count - goldMatched;
                }
            }
        return new DocumentCounts(mode, gold.Select(x => x.Id).ToArray(), types, tp, fp, fn, ptp);
    }

    static bool Overlaps((int Start, int End) a, (int Start, int End) b) => a.Start < b.End && b.Start < a.End;

    static HashSet<(int Start, int End)> Distinct(IEnumerable<EntitySpan> spans) => spans.Select(s => (s.Start, s.End)).ToHashSet();
}
