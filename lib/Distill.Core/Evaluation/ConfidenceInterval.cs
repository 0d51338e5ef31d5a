namespace Distill.Evaluation;

/// <summary>A point estimate and its percentile interval.</summary>
public sealed record ConfidenceInterval(double Estimate, double Lower, double Upper)
{
    public override string ToString() => $"{Estimate:F3} [{Lower:F3}, {Upper:F3}]";
}

/// <summary>Intervals for precision, recall and F1 of one type or average.</summary>
public sealed record ScoreIntervals(ConfidenceInterval Precision, ConfidenceInterval Recall, ConfidenceInterval F1);
