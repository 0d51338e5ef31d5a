namespace Distill.Aggregation;

/// <summary>
/// Supervised weighted vote: per-teacher sensitivity and false-positive rate learned from gold tokens,
/// combined as a naive-Bayes log-odds sum. See <see cref="LabelCombiners.WeightedVote"/>.
/// </summary>
/// <param name="Prior">P(inside) on the fitting tokens.</param>
/// <param name="Sensitivity">P(vote inside | gold inside) per teacher.</param>
/// <param name="FalsePositiveRate">P(vote inside | gold outside) per teacher.</param>
/// <param name="Probabilities">P(inside | pattern) per compressed pattern.</param>
internal sealed record NaiveBayesVote(double Prior, double[] Sensitivity, double[] FalsePositiveRate, double[] Probabilities)
{
    /// <summary>Weight of teacher j's "inside" vote in log-odds: log(sensitivity / false-positive rate).</summary>
    public double Weight(int j) => Math.Log(Sensitivity[j] / FalsePositiveRate[j]);

    public static NaiveBayesVote Fit(int k, long[] tokens, long[] gold)
    {
        var size = 1 << k;
        double goldTotal = 0, outsideTotal = 0;
        var votedGold = new double[k];
        var votedOutside = new double[k];
        for (var q = 0; q < size; q++)
        {
            var outside = tokens[q] - gold[q];
            if (outside < 0) throw new ArgumentException($"Pattern {q}: {gold[q]} gold tokens out of {tokens[q]}.");
            goldTotal += gold[q];
            outsideTotal += outside;
            for (var j = 0; j < k; j++)
                if ((q >> j & 1) != 0) { votedGold[j] += gold[q]; votedOutside[j] += outside; }
        }
        // Laplace smoothing keeps every rate strictly inside (0, 1), so no weight is infinite.
        var prior = (goldTotal + 1) / (goldTotal + outsideTotal + 2);
        var sens = votedGold.Select(v => (v + 1) / (goldTotal + 2)).ToArray();
        var fpr = votedOutside.Select(v => (v + 1) / (outsideTotal + 2)).ToArray();
        return new NaiveBayesVote(prior, sens, fpr, PatternProbabilities(prior, sens, fpr));
    }

    /// <summary>
    /// P(inside | pattern) for every vote pattern q (bit j set: teacher j voted inside) under conditionally independent
    /// teachers: the naive-Bayes log-odds sum. Shared with <see cref="DawidSkeneLabelModel"/>'s E-step, which is the same
    /// posterior with rates estimated without gold.
    /// </summary>
    internal static double[] PatternProbabilities(double prior, double[] sensitivity, double[] falsePositiveRate)
    {
        var k = sensitivity.Length;
        var probabilities = new double[1 << k];
        for (var q = 0; q < probabilities.Length; q++)
        {
            var logit = Math.Log(prior / (1 - prior));
            for (var j = 0; j < k; j++)
                logit += (q >> j & 1) != 0
                    ? Math.Log(sensitivity[j] / falsePositiveRate[j])
                    : Math.Log((1 - sensitivity[j]) / (1 - falsePositiveRate[j]));
            probabilities[q] = 1 / (1 + Math.Exp(-logit));
        }
        return probabilities;
    }
}
