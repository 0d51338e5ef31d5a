namespace Distill.Evaluation;

/// <summary>
/// Bootstrap over documents: resample the test documents with replacement and re-sum their counts, so the
/// interval reflects which notes happened to be in the test set (documents, not tokens, are the independent
/// units: tokens of one note are correlated). Intervals are percentile intervals.
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// Intervals for every type and for the micro and macro averages, keyed by type name or
    /// <see cref="ScoreSummary.MicroAverage"/> / <see cref="ScoreSummary.MacroAverage"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, ScoreIntervals> ConfidenceIntervals(DocumentCounts counts, BootstrapOptions? options = null)
    {
        options ??= new BootstrapOptions();
        options.Validate();
        var keys = counts.Types.Append(ScoreSummary.MicroAverage).Append(ScoreSummary.MacroAverage).ToArray();
        var samples = keys.ToDictionary(k => k, _ => (P: new double[options.Resamples], R: new double[options.Resamples], F: new double[options.Resamples]));
        var indices = new int[counts.DocumentCount];
        var random = new Random(options.Seed);
        for (var b = 0; b < options.Resamples; b++)
        {
            Draw(random, indices);
            var s = counts.Summarize(indices);
            foreach (var key in keys)
            {
                var (p, r, f) = Scores(s, key);
                samples[key].P[b] = p; samples[key].R[b] = r; samples[key].F[b] = f;
            }
        }
        var full = counts.Summarize();
        var result = new Dictionary<string, ScoreIntervals>(keys.Length);
        foreach (var key in keys)
        {
            var (p, r, f) = Scores(full, key);
            result[key] = new ScoreIntervals(
                Interval(p, samples[key].P, options.Confidence),
                Interval(r, samples[key].R, options.Confidence),
                Interval(f, samples[key].F, options.Confidence));
        }
        return result;
    }

    /// <summary>
    /// Paired bootstrap test of A against B on the same documents (Berg-Kirkpatrick et al. 2012; Koehn 2004):
    /// both systems are rescored on each resample of documents, and the p-value is the share of resampled
    /// differences at least as far from the observed difference δ as δ is from 0,
    /// <c>p = (1 + #{|δ_b − δ| ≥ |δ|}) / (1 + B)</c>; the "+1" keeps p above 0 for a finite B.
    /// Identical systems give p = 1. The score compared is the F1 of <c>score</c>: a type name,
    /// <see cref="ScoreSummary.MicroAverage"/> or <see cref="ScoreSummary.MacroAverage"/>.
    /// </summary>
    public static PairedBootstrapResult PairedTest(string systemA, DocumentCounts a, string systemB, DocumentCounts b,
        string score = ScoreSummary.MicroAverage, BootstrapOptions? options = null)
    {
        options ??= new BootstrapOptions();
        options.Validate();
        if (a.Mode != b.Mode)
            throw new ArgumentException($"{systemA} was counted as {a.Mode} and {systemB} as {b.Mode}; compare like with like.");
        if (!a.DocumentIds.SequenceEqual(b.DocumentIds))
            throw new ArgumentException($"{systemA} and {systemB} were scored on different documents (or in a different order); the paired test needs the same ones.");
        if (!a.Types.SequenceEqual(b.Types))
            throw new ArgumentException($"{systemA} and {systemB} were scored on different types ({string.Join(",", a.Types)} vs {string.Join(",", b.Types)}).");
        var observed = a.Summarize().F1Of(score) - b.Summarize().F1Of(score);
        var deltas = new double[options.Resamples];
        var indices = new int[a.DocumentCount];
        var random = new Random(options.Seed);
        var extreme = 0;
        for (var i = 0; i < options.Resamples; i++)
        {
            Draw(random, indices);
            deltas[i] = a.Summarize(indices).F1Of(score) - b.Summarize(indices).F1Of(score);
            // A small tolerance so that rounding in two equal sums does not count as a difference.
            if (Math.Abs(deltas[i] - observed) >= Math.Abs(observed) - 1e-12) extreme++;
        }
        var p = (1.0 + extreme) / (1.0 + options.Resamples);
        return new PairedBootstrapResult(systemA, systemB, a.Mode, score, Interval(observed, deltas, options.Confidence), p, options.Resamples);
    }

    /// <summary>
    /// <paramref name="resamples"/> resamples of <paramref name="documents"/> document indices, drawn with replacement from
    /// <c>new Random(seed)</c> exactly as <see cref="ConfidenceIntervals"/> and <see cref="PairedTest"/> draw theirs, for callers
    /// that score many systems on the same resamples (the subset search's near-tie test).
    /// </summary>
    internal static int[][] DrawResamples(int documents, int resamples, int seed)
    {
        var random = new Random(seed);
        var result = new int[resamples][];
        for (var r = 0; r < resamples; r++)
        {
            result[r] = new int[documents];
            Draw(random, result[r]);
        }
        return result;
    }

    static void Draw(Random random, int[] indices)
    {
        for (var i = 0; i < indices.Length; i++) indices[i] = random.Next(indices.Length);
    }

    static (double P, double R, double F) Scores(ScoreSummary s, string key) => key switch
    {
        ScoreSummary.MicroAverage => (s.Micro.Precision, s.Micro.Recall, s.Micro.F1),
        ScoreSummary.MacroAverage => (s.MacroPrecision, s.MacroRecall, s.MacroF1),
        _ => (s.PerType[key].Precision, s.PerType[key].Recall, s.PerType[key].F1),
    };

    /// <summary>Percentile interval with linear interpolation between order statistics (numpy's default quantile).</summary>
    internal static ConfidenceInterval Interval(double estimate, double[] samples, double confidence)
    {
        var sorted = (double[])samples.Clone();
        Array.Sort(sorted);
        var alpha = (1 - confidence) / 2;
        return new ConfidenceInterval(estimate, Quantile(sorted, alpha), Quantile(sorted, 1 - alpha));
    }

    internal static double Quantile(double[] sorted, double q)
    {
        if (sorted.Length == 0) return double.NaN; // no resamples: no interval, rather than an index error
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
