using Distill.Corpora;
using Distill.Teachers.Corpus;

namespace Distill.Tests.Teachers.Corpus;

public class TokenLevelScoreTests
{
    [Fact]
    public void Counts_tokens_tagged_with_the_type_in_gold_and_prediction()
    {
        // Tokens: Severe(0) breast(1) cancer(2) and(3) gout(4) .(5)
        var text = "Severe breast cancer and gout.";
        var gold = new Document("d", text, [new EntitySpan(7, 20, "disease", "breast cancer"), new EntitySpan(25, 29, "disease", "gout")]);
        IReadOnlyList<EntitySpan> predicted = [new EntitySpan(0, 13, "disease", "Severe breast"), new EntitySpan(21, 24, "symptom", "and")];
        var score = TokenLevelScore.Compute("disease", [(gold, predicted)]);
        Assert.Equal((1, 1, 2), (score.TruePositives, score.FalsePositives, score.FalseNegatives));
        Assert.Equal(0.5, score.Precision, 6);
        Assert.Equal(1.0 / 3, score.Recall, 6);
        Assert.Equal(0.4, score.F1, 6);
    }
}
