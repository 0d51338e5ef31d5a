using Distill.Corpora;

namespace Distill.Students.Training;

/// <summary>
/// Token-level micro F1 over entity types on word tokens, the reference study's metric: for each type,
/// a token counts as a true positive when gold and prediction both give it that type. Used for
/// dev-set model selection; the evaluation stage owns the reported metrics.
/// </summary>
public sealed record TokenLevelF1(long TruePositives, long FalsePositives, long FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Counts over aligned gold and predicted IO tags ("O" = outside).</summary>
    public static TokenLevelF1 Compute(IEnumerable<(IReadOnlyList<string> Gold, IReadOnlyList<string> Predicted)> documents)
    {
        long tp = 0, fp = 0, fn = 0;
        foreach (var (gold, predicted) in documents)
        {
            if (gold.Count != predicted.Count) throw new ArgumentException($"{gold.Count} gold tags but {predicted.Count} predicted.");
            for (var i = 0; i < gold.Count; i++)
            {
                var (g, p) = (gold[i], predicted[i]);
                if (g == p) { if (g != IoTagging.Outside) tp++; continue; }
                if (p != IoTagging.Outside) fp++;
                if (g != IoTagging.Outside) fn++;
            }
        }
        return new TokenLevelF1(tp, fp, fn);
    }
}
