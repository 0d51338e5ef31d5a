using Distill.Corpora;

namespace Distill.Evaluation;

/// <summary>
/// Entity-level counts, strict (exact start, end and type) or lenient (overlap with the same type), per
/// document and type. Repeated identical spans on one side count once, as a set of mentions.
/// </summary>
internal static class EntityLevelScorer
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
                    var (goldMatched, predMatched, predDropped) = Lenient(g, p);
                    tp[cell] = goldMatched;
                    ptp[cell] = predMatched;
                    fp[cell] = p.Count - predMatched - predDropped;
                    fn[cell] = g.Count - goldMatched;
                }
            }
        return new DocumentCounts(mode, gold.Select(x => x.Id).ToArray(), types, tp, fp, fn, ptp);
    }

    static bool Overlaps((int Start, int End) a, (int Start, int End) b) => a.Start < b.End && b.Start < a.End;

    // n2c2 2018 Track 2's lenient rule: walk predictions in text order; one that overlaps a gold mention not
    // yet matched is a match (and marks every gold mention it overlaps); one that overlaps only gold mentions
    // already matched by earlier predictions is dropped, neither true nor false positive, so splitting one
    // gold mention into pieces is not rewarded with extra true positives.
    static (int GoldMatched, int PredMatched, int PredDropped) Lenient(HashSet<(int Start, int End)> gold, HashSet<(int Start, int End)> predicted)
    {
        var matchedGold = new HashSet<(int, int)>();
        int predMatched = 0, predDropped = 0;
        foreach (var p in predicted.OrderBy(x => x.Start).ThenBy(x => x.End))
        {
            var overlapping = gold.Where(g => Overlaps(g, p)).ToList();
            if (overlapping.Count == 0) continue;
            if (overlapping.All(matchedGold.Contains)) { predDropped++; continue; }
            predMatched++;
            matchedGold.UnionWith(overlapping);
        }
        return (matchedGold.Count, predMatched, predDropped);
    }

    static HashSet<(int Start, int End)> Distinct(IEnumerable<EntitySpan> spans) => spans.Select(s => (s.Start, s.End)).ToHashSet();
}
