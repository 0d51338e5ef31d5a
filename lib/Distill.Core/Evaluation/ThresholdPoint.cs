namespace Distill.Evaluation;

/// <summary>One row of a <see cref="ThresholdSweep"/>: a threshold and the token-level score a teacher gets with it.</summary>
public sealed record ThresholdPoint(double Threshold, PrecisionRecallF1 Score);
