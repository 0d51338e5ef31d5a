namespace Distill.Evaluation;

/// <summary>
/// Precision, recall and F1 with the counts they came from. A ratio whose denominator is zero is 0
/// (seqeval's <c>zero_division=0</c>), so a type that neither gold nor the system has scores 0, not NaN.
/// </summary>
/// <param name="TruePositives">Matches counted on the gold side (the recall numerator).</param>
/// <param name="FalsePositives">Predicted units with no match.</param>
/// <param name="FalseNegatives">Gold units with no match.</param>
/// <param name="PredictedTruePositives">Matches counted on the predicted side (the precision numerator).
/// Equal to <paramref name="TruePositives"/> for token-level and strict entity-level scoring; under
/// lenient matching one predicted mention can overlap two gold ones, so the two sides can differ.</param>
public sealed record PrecisionRecallF1(long TruePositives, long FalsePositives, long FalseNegatives, long PredictedTruePositives)
{
    public PrecisionRecallF1(long truePositives, long falsePositives, long falseNegatives)
        : this(truePositives, falsePositives, falseNegatives, truePositives) { }

    public double Precision => Ratio(PredictedTruePositives, PredictedTruePositives + FalsePositives);
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Gold units of this type (seqeval's "support").</summary>
    public long Support => TruePositives + FalseNegatives;

    /// <summary>Predicted units of this type.</summary>
    public long Predicted => PredictedTruePositives + FalsePositives;

    static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
