using Distill.Corpora;
using Distill.Evaluation;

namespace Distill.Tests.Evaluation;

public class BootstrapTests
{
    const string D = EntityTypes.Disease;

    // 60 notes "a b c d e f g h i j" with gold disease on tokens b and f; system quality is set per note.
    static (Document[] Gold, Document[] Good, Document[] Poor) Systems()
    {
        const string text = "a b c d e f g h i j";
        var gold = new List<Document>();
        var good = new List<Document>();
        var poor = new List<Document>();
        var random = new Random(7);
        for (var i = 0; i < 60; i++)
        {
            var g = DocumentBuilder.DocAt($"n{i}", text, (2, 3, D), (10, 11, D));
            gold.Add(g);
            // Good: right on 90% of notes, else one miss. Poor: right on 40%, else a miss and a false alarm.
            good.Add(random.NextDouble() < 0.9 ? g : DocumentBuilder.DocAt(g.Id, text, (2, 3, D)));
            poor.Add(random.NextDouble() < 0.4 ? g : DocumentBuilder.DocAt(g.Id, text, (2, 3, D), (14, 15, D)));
        }
        return (gold.ToArray(), good.ToArray(), poor.ToArray());
    }

    static DocumentCounts Counts(Document[] gold, Document[] pred) =>
        SystemEvaluation.Evaluate("s", gold, pred, [D]).Counts[MatchingMode.TokenIo];

    [Fact]
    public void Intervals_contain_the_point_estimate_and_are_deterministic_under_the_seed()
    {
        var (gold, good, _) = Systems();
        var counts = Counts(gold, good);
        var options = new BootstrapOptions(Resamples: 500, Seed: 3);
        var ci = Bootstrap.ConfidenceIntervals(counts, options);

        foreach (var key in new[] { D, ScoreSummary.MicroAverage, ScoreSummary.MacroAverage })
        {
            var f = ci[key].F1;
            Assert.InRange(f.Estimate, f.Lower, f.Upper);
            Assert.True(f.Upper > f.Lower, $"{key}: interval {f} has no width");
        }
        Assert.Equal(counts.Summarize().Micro.F1, ci[ScoreSummary.MicroAverage].F1.Estimate);
        Assert.Equal(ci[D], Bootstrap.ConfidenceIntervals(counts, options)[D]);
        // Another seed draws other resamples (the poor system's F1 varies enough for the bounds to move).
        var poorCounts = Counts(gold, Systems().Poor);
        Assert.NotEqual(Bootstrap.ConfidenceIntervals(poorCounts, options)[D], Bootstrap.ConfidenceIntervals(poorCounts, options with { Seed = 4 })[D]);
    }

    [Fact]
    public void Paired_test_gives_p_one_for_identical_systems_and_small_p_for_a_clearly_better_one()
    {
        var (gold, good, poor) = Systems();
        var a = Counts(gold, good);
        var same = Bootstrap.PairedTest("a", a, "a again", Counts(gold, good), options: new BootstrapOptions(Resamples: 300));
        Assert.Equal(1.0, same.PValue);
        Assert.Equal(0, same.Difference.Estimate);

        var better = Bootstrap.PairedTest("good", a, "poor", Counts(gold, poor), options: new BootstrapOptions(Resamples: 1000));
        Assert.True(better.Difference.Estimate > 0.2, $"difference {better.Difference}");
        Assert.True(better.PValue < 0.01, $"p = {better.PValue}");
        Assert.True(better.Difference.Lower > 0);
    }

    [Fact]
    public void Paired_test_refuses_systems_scored_on_different_documents()
    {
        var (gold, good, poor) = Systems();
        var e = Assert.Throws<ArgumentException>(() =>
            Bootstrap.PairedTest("a", Counts(gold, good), "b", Counts(gold[..10], poor[..10])));
        Assert.Contains("different documents", e.Message);
    }

    [Fact]
    public void Quantile_interpolates_like_numpy()
    {
        // numpy.quantile([1, 2, 3, 4], 0.25) == 1.75
        Assert.Equal(1.75, Bootstrap.Quantile([1, 2, 3, 4], 0.25), 12);
        Assert.Equal(4, Bootstrap.Quantile([1, 2, 3, 4], 1.0));
    }
}
