namespace Distill.Evaluation;

/// <summary>
/// The paired bootstrap comparison of system A with system B on one score: <c>Difference</c> is A's F1 minus
/// B's on all documents with its percentile interval, <c>PValue</c> the two-sided p-value for "no
/// difference" (see <see cref="Bootstrap.PairedTest"/>).
/// </summary>
public sealed record PairedBootstrapResult(string SystemA, string SystemB, MatchingMode Mode, string Score, ConfidenceInterval Difference, double PValue, int Resamples);
