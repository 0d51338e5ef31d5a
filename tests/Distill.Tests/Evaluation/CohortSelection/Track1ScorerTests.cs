using Distill.Evaluation.CohortSelection;

namespace Distill.Tests.Evaluation.CohortSelection;

public class Track1ScorerTests
{
    static IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> Table(bool[] a, bool[] b) =>
        Enumerable.Range(0, a.Length).ToDictionary(i => $"p{i}", i => (IReadOnlyDictionary<string, bool>)new Dictionary<string, bool> { ["A"] = a[i], ["B"] = b[i] });

    [Fact]
    public void Matches_track1_eval_py_on_a_hand_computed_case()
    {
        var gold = Table([true, true, false, false], [true, false, false, false]);
        var system = Table([true, false, false, true], [true, false, false, false]);
        var scores = Track1Scorer.Score(gold, system, ["A", "B"]);

        var a = scores.Criteria[0];
        Assert.Equal((0.5, 0.5, 0.5, 0.5), (a.MetPrecision, a.MetRecall, a.MetSpecificity, a.MetF1));
        Assert.Equal((0.5, 0.5, 0.5), (a.NotMetF1, a.OverallF1, a.BalancedAccuracy));
        Assert.Equal((1.0, 1.0), (scores.Criteria[1].OverallF1, scores.Criteria[1].BalancedAccuracy));

        // Micro: met tp 2, fp 1, tn 4, fn 1; not met tp 4, fp 1, fn 1.
        Assert.Equal(2.0 / 3, scores.Micro.MetF1, 12);
        Assert.Equal(0.8, scores.Micro.MetSpecificity, 12);
        Assert.Equal(0.8, scores.Micro.NotMetF1, 12);
        Assert.Equal((2.0 / 3 + 0.8) / 2, scores.Micro.OverallF1, 12);
        Assert.Equal((2.0 / 3 + 0.8) / 2, scores.Micro.BalancedAccuracy, 12);
        // Macro: the mean over criteria.
        Assert.Equal(0.75, scores.Macro.OverallF1, 12);
        Assert.Equal(0.75, scores.Macro.BalancedAccuracy, 12);
        Assert.Equal(4, scores.Patients);
    }

    [Fact]
    public void A_zero_denominator_is_zero_as_in_the_script()
    {
        var none = Table([false, false], [false, false]);
        var row = Track1Scorer.Score(none, none, ["A"]).Criteria[0];
        Assert.Equal((0.0, 0.0, 1.0), (row.MetPrecision, row.MetF1, row.MetSpecificity));
        Assert.Equal(1.0, row.NotMetF1);
        Assert.Equal(0.5, row.OverallF1);
        Assert.Equal(0.5, row.BalancedAccuracy);
    }

    [Fact]
    public void A_missing_prediction_is_an_error()
    {
        var gold = Table([true], [true]);
        var system = new Dictionary<string, IReadOnlyDictionary<string, bool>> { ["p0"] = new Dictionary<string, bool> { ["A"] = true } };
        Assert.Throws<ArgumentException>(() => Track1Scorer.Score(gold, system, ["A", "B"]));
    }
}
