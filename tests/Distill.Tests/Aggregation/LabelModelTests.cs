using Distill.Aggregation;

namespace Distill.Tests.Aggregation;

public sealed class LabelModelTests
{
    // Synthetic votes from known, conditionally independent teachers.
    static (long[] tokens, long[] gold) Sample(double prior, double[] sens, double[] fpr, int n, int seed)
    {
        var k = sens.Length;
        var tokens = new long[1 << k];
        var gold = new long[1 << k];
        var random = new Random(seed);
        for (var i = 0; i < n; i++)
        {
            var inside = random.NextDouble() < prior;
            var q = 0;
            for (var j = 0; j < k; j++)
                if (random.NextDouble() < (inside ? sens[j] : fpr[j])) q |= 1 << j;
            tokens[q]++;
            if (inside) gold[q]++;
        }
        return (tokens, gold);
    }

    [Fact]
    public void Dawid_Skene_recovers_known_teacher_rates_without_gold()
    {
        double[] sens = [0.9, 0.7, 0.8, 0.6, 0.95];
        double[] fpr = [0.02, 0.05, 0.1, 0.01, 0.2];
        var (tokens, _) = Sample(0.12, sens, fpr, 300_000, seed: 5);
        var model = DawidSkeneLabelModel.Fit(5, tokens);
        Assert.InRange(model.Prior, 0.11, 0.13);
        for (var j = 0; j < 5; j++)
        {
            Assert.InRange(model.Sensitivity[j], sens[j] - 0.02, sens[j] + 0.02);
            Assert.InRange(model.FalsePositiveRate[j], fpr[j] - 0.01, fpr[j] + 0.01);
        }
    }

    [Fact]
    public void Dawid_Skene_beats_majority_vote_when_teachers_differ_in_quality()
    {
        double[] sens = [0.95, 0.5, 0.5];
        double[] fpr = [0.01, 0.3, 0.3];
        var (tokens, gold) = Sample(0.1, sens, fpr, 100_000, seed: 9);
        double Accuracy(double[] p)
        {
            long right = 0;
            for (var q = 0; q < tokens.Length; q++) right += p[q] > 0.5 ? gold[q] : tokens[q] - gold[q];
            return (double)right / tokens.Sum();
        }
        var labelModel = Accuracy(LabelCombiners.LabelModel.Fit(3, tokens, gold));
        var majority = Accuracy(LabelCombiners.Majority.Fit(3, tokens, gold));
        Assert.True(labelModel > majority + 0.01, $"label model {labelModel:F4} vs majority {majority:F4}");
    }

    [Fact]
    public void Naive_Bayes_vote_weights_a_reliable_teacher_above_a_noisy_one()
    {
        var (tokens, gold) = Sample(0.1, [0.9, 0.6], [0.01, 0.2], 50_000, seed: 2);
        var vote = NaiveBayesVote.Fit(2, tokens, gold);
        Assert.True(vote.Weight(0) > vote.Weight(1));
        Assert.InRange(vote.Sensitivity[0], 0.88, 0.92);
        // The reliable teacher alone decides: its vote is enough, the noisy one alone is not.
        Assert.True(vote.Probabilities[0b01] > 0.5);
        Assert.True(vote.Probabilities[0b10] < 0.5);
    }

    [Fact]
    public void An_empty_table_fits_without_dividing_by_zero()
    {
        var model = DawidSkeneLabelModel.Fit(2, new long[4]);
        Assert.All(model.Probabilities, p => Assert.False(double.IsNaN(p)));
    }
}
