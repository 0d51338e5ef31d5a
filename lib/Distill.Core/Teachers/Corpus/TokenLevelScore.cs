using Distill.Corpora;

namespace Distill.Teachers.Corpus;

/// <summary>Token-level precision, recall and F1 of one entity type, with the counts behind them.</summary>
public sealed record TokenLevelScore(string EntityType, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>
    /// The reference study's token-level metric: word tokens from <see cref="ClinicalWordTokenizer"/>, IO tags from
    /// <see cref="IoTagging.Encode"/>; a true positive is a token whose gold and predicted tags are both
    /// <paramref name="entityType"/>. (The evaluation stage owns the full metric suite; this is the small piece
    /// the teachers stage needs to report its own quality.)
    /// </summary>
    public static TokenLevelScore Compute(string entityType, IEnumerable<(Document Gold, IReadOnlyList<EntitySpan> Predicted)> pairs)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var (gold, predicted) in pairs)
        {
            var tokens = ClinicalWordTokenizer.Instance.Tokenize(gold.Text);
            var goldTags = IoTagging.Encode(tokens, gold.SpansOf(entityType));
            var predictedTags = IoTagging.Encode(tokens, predicted.Where(s => s.Type == entityType));
            for (var i = 0; i < tokens.Count; i++)
            {
                bool g = goldTags[i] == entityType, p = predictedTags[i] == entityType;
                if (g && p) tp++;
                else if (p) fp++;
                else if (g) fn++;
            }
        }
        return new TokenLevelScore(entityType, tp, fp, fn);
    }
}
