using Distill.Corpora.Relations;
using Distill.Evaluation;
using Distill.Evaluation.Relations;

namespace Distill.Aggregation.Relations;

/// <summary>
/// The subset search on pair votes, as <see cref="SubsetSearch"/> does on token votes: every non-empty subset of the
/// relation teachers under every combination rule (<see cref="ILabelCombiner.Fit"/> on the subset's vote patterns,
/// a pair kept when its pattern's probability is at least 0.5), scored by strict pair F1 on the gold dev sentences.
/// Rules fitted on gold (the weighted vote) are scored by cross-validation over sentences (fold = index mod
/// <c>folds</c>), so their weights never see the pairs they are scored on. Only dev gold is read.
/// </summary>
public static class PairSubsetSearch
{
    public static PairSubsetChoice Run(PairVoteTable dev, IReadOnlyList<IReadOnlyList<AdePair>> devGold,
        IReadOnlyDictionary<string, (double CostPerSentence, double SecondsPerSentence)> costs, IReadOnlyList<ILabelCombiner>? rules = null, int folds = 5)
    {
        if (devGold.Count != dev.DocumentIds.Count) throw new ArgumentException($"{devGold.Count} gold pair lists for {dev.DocumentIds.Count} dev sentences.");
        rules ??= LabelCombiners.All;
        var scores = new List<PairSubsetScore>();
        foreach (var subset in TeacherSubset.All(dev.Teachers.Count))
        {
            var (cost, seconds) = subset.Members().Aggregate((0.0, 0.0), (acc, t) =>
                costs.TryGetValue(dev.Teachers[t], out var c) ? (acc.Item1 + c.CostPerSentence, acc.Item2 + c.SecondsPerSentence) : acc);
            foreach (var rule in rules)
            {
                var predicted = Predict(dev, devGold, subset, rule, folds);
                var strict = PairScorer.Count(dev.DocumentIds, devGold, predicted, MatchingMode.EntityStrict).Summarize().PerType[PairScorer.PairType];
                var lenient = PairScorer.Count(dev.DocumentIds, devGold, predicted, MatchingMode.EntityLenient).Summarize().PerType[PairScorer.PairType];
                scores.Add(new PairSubsetScore(rule, subset, subset.Describe(dev.Teachers), strict, lenient, cost, seconds));
            }
        }
        var ordered = scores.OrderByDescending(s => Math.Round(s.Strict.F1, 6)).ThenBy(s => s.CostPerSentence).ThenBy(s => s.Subset.Count)
            .ThenBy(s => s.Subset.Mask).ThenBy(s => s.Rule.Name, StringComparer.Ordinal).ToArray();
        var chosen = ordered[0];
        var (pairs, gold) = dev.PatternCounts(chosen.Subset, devGold);
        return new PairSubsetChoice(dev.Teachers, ordered, chosen, chosen.Rule.Fit(chosen.Subset.Count, pairs, gold));
    }

    /// <summary>The combined dev pairs of <paramref name="subset"/> under <paramref name="rule"/>, cross-validated when the rule needs gold.</summary>
    static IReadOnlyList<IReadOnlyList<AdePair>> Predict(PairVoteTable dev, IReadOnlyList<IReadOnlyList<AdePair>> gold, TeacherSubset subset, ILabelCombiner rule, int folds)
    {
        var n = dev.DocumentIds.Count;
        var result = new IReadOnlyList<AdePair>[n];
        var foldCount = rule.NeedsGold ? Math.Max(2, Math.Min(folds, n)) : 1;
        for (var f = 0; f < foldCount; f++)
        {
            var held = Enumerable.Range(0, n).Where(d => foldCount == 1 || d % foldCount == f).ToArray();
            var fitOn = foldCount == 1 ? held : Enumerable.Range(0, n).Where(d => d % foldCount != f);
            var (pairs, positives) = dev.PatternCounts(subset, rule.NeedsGold ? gold : null, fitOn);
            var probabilities = rule.Fit(subset.Count, pairs, positives);
            var applied = dev.Apply(subset, probabilities, held);
            for (var i = 0; i < held.Length; i++) result[held[i]] = applied[i].Select(x => x.Pair).ToArray();
        }
        return result;
    }
}
