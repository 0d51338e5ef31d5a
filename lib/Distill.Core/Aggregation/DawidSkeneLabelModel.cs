namespace Distill.Aggregation;

/// <summary>
/// Binary Dawid–Skene label model fitted by EM on the teachers' token votes, with no gold: each teacher
/// has a sensitivity (P(vote inside | inside)) and a false-positive rate (P(vote inside | outside)),
/// votes are independent given the true label, and the prior P(inside) is learned too.
/// <para>
/// EM only ever needs how many tokens carry each vote pattern, so it runs over at most 2^k patterns
/// whatever the corpus size. It starts from the soft majority (fraction of teachers voting inside),
/// which fixes the orientation "teachers are better than chance" and avoids the label-switching
/// solution. Rates are clamped to [1e-6, 1 − 1e-6] so a perfect teacher does not produce infinities.
/// </para>
/// </summary>
/// <param name="Prior">P(inside).</param>
/// <param name="Sensitivity">Per teacher, P(vote inside | inside).</param>
/// <param name="FalsePositiveRate">Per teacher, P(vote inside | outside).</param>
/// <param name="Probabilities">P(inside | pattern) per compressed pattern (the soft labels).</param>
/// <param name="Iterations">EM iterations run.</param>
internal sealed record DawidSkeneLabelModel(double Prior, double[] Sensitivity, double[] FalsePositiveRate, double[] Probabilities, int Iterations)
{
    const double Floor = 1e-6;

    public static DawidSkeneLabelModel Fit(int k, long[] tokens, int maxIterations = 200, double tolerance = 1e-9)
    {
        var size = 1 << k;
        if (tokens.Length != size) throw new ArgumentException($"Expected {size} pattern counts, got {tokens.Length}.");
        var total = tokens.Sum();
        var post = new double[size];
        for (var q = 0; q < size; q++) post[q] = (double)System.Numerics.BitOperations.PopCount((uint)q) / k;
        double prior = 0;
        var sens = new double[k];
        var fpr = new double[k];
        var iteration = 0;
        if (total == 0) return new DawidSkeneLabelModel(0, sens, fpr, post, 0);
        for (; iteration < maxIterations; iteration++)
        {
            // M-step: rates from the current soft labels.
            double inside = 0, outside = 0;
            Array.Clear(sens);
            Array.Clear(fpr);
            for (var q = 0; q < size; q++)
            {
                var a = tokens[q] * post[q];
                var b = tokens[q] * (1 - post[q]);
                inside += a;
                outside += b;
                for (var j = 0; j < k; j++)
                    if ((q >> j & 1) != 0) { sens[j] += a; fpr[j] += b; }
            }
            prior = Clamp(inside / total);
            for (var j = 0; j < k; j++)
            {
                sens[j] = Clamp(inside > 0 ? sens[j] / inside : 0.5);
                fpr[j] = Clamp(outside > 0 ? fpr[j] / outside : 0.5);
            }
            // E-step: posterior per pattern.
            var next = NaiveBayesVote.PatternProbabilities(prior, sens, fpr);
            var change = 0.0;
            for (var q = 0; q < size; q++)
                change = Math.Max(change, Math.Abs(next[q] - post[q]) * (tokens[q] > 0 ? 1 : 0));
            post = next;
            if (change < tolerance) { iteration++; break; }
        }
        return new DawidSkeneLabelModel(prior, sens, fpr, post, iteration);
    }

    static double Clamp(double x) => Math.Clamp(x, Floor, 1 - Floor);
}
