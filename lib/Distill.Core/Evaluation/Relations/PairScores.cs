namespace Distill.Evaluation.Relations;

/// <summary>A system's pair-level scores on a split: counts and bootstrap intervals, strict and lenient (<see cref="PairScorer"/>).</summary>
public sealed record PairScores(PrecisionRecallF1 Strict, ScoreIntervals StrictIntervals, PrecisionRecallF1 Lenient, ScoreIntervals LenientIntervals);
