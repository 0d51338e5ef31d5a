namespace Distill.Evaluation;

/// <summary>Settings of the document-level bootstrap.</summary>
/// <param name="Resamples">Resamples drawn; 1,000 is the usual minimum for 95% percentile intervals (Efron and Tibshirani 1993).</param>
/// <param name="Seed">Seed of the resampling generator; the same seed gives the same intervals and p-values.</param>
/// <param name="Confidence">Two-sided coverage of the interval.</param>
public sealed record BootstrapOptions(int Resamples = 1000, int Seed = 20250101, double Confidence = 0.95)
{
    public void Validate()
    {
        if (Resamples < 10) throw new ArgumentException($"Resamples is {Resamples}; use at least 10 (1,000 or more for reported intervals).");
        if (Confidence is <= 0 or >= 1) throw new ArgumentException($"Confidence is {Confidence}; expected a value strictly between 0 and 1.");
    }
}
