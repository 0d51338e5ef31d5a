using Distill.Corpora;
using Distill.Corpora.Relations;
using Distill.Evaluation;
using Distill.Evaluation.Relations;

namespace Distill.Tests.Evaluation.Relations;

public class PairScorerTests
{
    static AdePair Pair(int ds, int de, int es, int ee) => new(new EntitySpan(ds, de, "medication", new string('d', de - ds)), new EntitySpan(es, ee, "adverse_effect", new string('e', ee - es)));

    [Fact]
    public void Strict_needs_both_spans_exact_lenient_both_overlapping()
    {
        string[] ids = ["a", "b", "c"];
        IReadOnlyList<AdePair>[] gold = [[Pair(0, 5, 10, 20)], [Pair(0, 5, 10, 20)], []];
        IReadOnlyList<AdePair>[] predicted = [[Pair(0, 5, 10, 20)], [Pair(0, 5, 12, 25)], [Pair(0, 5, 10, 20)]];

        var strict = PairScorer.Count(ids, gold, predicted, MatchingMode.EntityStrict).Summarize().PerType[PairScorer.PairType];
        var lenient = PairScorer.Count(ids, gold, predicted, MatchingMode.EntityLenient).Summarize().PerType[PairScorer.PairType];

        Assert.Equal((1L, 2L, 1L), (strict.TruePositives, strict.FalsePositives, strict.FalseNegatives));
        Assert.Equal((2L, 1L, 0L), (lenient.TruePositives, lenient.FalsePositives, lenient.FalseNegatives));
        // A drug overlap alone is not a lenient match.
        var driftedDrugOnly = PairScorer.Count(["x"], [[Pair(0, 5, 10, 20)]], [[Pair(0, 5, 30, 40)]], MatchingMode.EntityLenient).Summarize().PerType[PairScorer.PairType];
        Assert.Equal(0L, driftedDrugOnly.TruePositives);
    }

    [Fact]
    public void Intervals_are_seeded_and_contain_the_estimate()
    {
        var ids = Enumerable.Range(0, 40).Select(i => $"s{i}").ToArray();
        var gold = ids.Select((_, i) => (IReadOnlyList<AdePair>)[Pair(0, 5, 10, 20)]).ToArray();
        var predicted = ids.Select((_, i) => (IReadOnlyList<AdePair>)(i % 3 == 0 ? [] : [Pair(0, 5, 10, 20)])).ToArray();
        var options = new BootstrapOptions(200, 7);
        var a = PairScorer.Score(ids, gold, predicted, options);
        var b = PairScorer.Score(ids, gold, predicted, options);
        Assert.Equal(a.StrictIntervals.F1, b.StrictIntervals.F1);
        Assert.InRange(a.Strict.F1, a.StrictIntervals.F1.Lower, a.StrictIntervals.F1.Upper);
        Assert.True(a.StrictIntervals.F1.Upper > a.StrictIntervals.F1.Lower);
    }
}
