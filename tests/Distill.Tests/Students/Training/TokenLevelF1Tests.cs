using Distill.Students.Training;

namespace Distill.Tests.Students.Training;

public sealed class TokenLevelF1Tests
{
    [Fact]
    public void Counts_per_type_agreement_on_tokens()
    {
        string[] gold = ["disease", "disease", "O", "medication", "O"];
        string[] predicted = ["disease", "O", "medication", "disease", "O"];
        var f1 = TokenLevelF1.Compute([(gold, predicted)]);
        // tp: token 0; fp: tokens 2 and 3 (predicted types that are wrong); fn: tokens 1 and 3.
        Assert.Equal((1L, 2L, 2L), (f1.TruePositives, f1.FalsePositives, f1.FalseNegatives));
        Assert.Equal(1.0 / 3, f1.F1, 6);
    }

    [Fact]
    public void No_entities_anywhere_is_zero_not_NaN() =>
        Assert.Equal(0, TokenLevelF1.Compute([(new[] { "O" }, new[] { "O" })]).F1);
}
