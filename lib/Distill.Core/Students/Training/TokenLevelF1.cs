using Distill.Evaluation;

namespace Distill.Students.Training;

/// <summary>
/// Token-level micro F1 over entity types on word tokens, the reference study's metric: for each type,
/// a token counts as a true positive when gold and prediction both give it that type. Used for
/// dev-set model selection; counted and scored by the evaluation stage's <see cref="TokenLevelScorer"/> and
/// <see cref="PrecisionRecallF1"/>.
/// </summary>
public sealed record TokenLevelF1(long TruePositives, long FalsePositives, long FalseNegatives)
{
    // The arithmetic is the evaluation stage's, so dev-set selection and reported scores cannot drift apart.
    PrecisionRecallF1 Scores => new(TruePositives, FalsePositives, FalseNegatives);

    public double Precision => Scores.Precision;

    public double Recall => Scores.Recall;

    public double F1 => Scores.F1;

    /// <summary>Counts over aligned gold and predicted IO tags ("O" = outside), by <see cref="TokenLevelScorer.CountMicro"/>.</summary>
    public static TokenLevelF1 Compute(IEnumerable<(IReadOnlyList<string> Gold, IReadOnlyList<string> Predicted)> documents)
    {
        var micro = TokenLevelScorer.CountMicro(documents);
        return new TokenLevelF1(micro.TruePositives, micro.FalsePositives, micro.FalseNegatives);
    }
}
