using Distill.Corpora;
using Distill.Evaluation.CohortSelection;
using Distill.Teachers.QuestionAnswering;

namespace Distill.Tests.Teachers.QuestionAnswering;

public class CohortSelectionPredictorTests
{
    /// <summary>Answers from a table keyed by question, and records every note it was shown.</summary>
    sealed class TableAnswerer(Func<string, QuestionAnswer> answer) : IQuestionAnswerer
    {
        public List<Document> Seen { get; } = [];
        public string Name => "table";
        public string Description => "test";
        public Task<QuestionAnswer> AnswerAsync(string question, Document note, CancellationToken cancellationToken = default)
        {
            Seen.Add(note);
            return Task.FromResult(answer(question));
        }
    }

    [Theory]
    [InlineData(1.3, false)]
    [InlineData(1.31, true)]
    public void Creatinine_is_met_above_1_3(double value, bool met) =>
        Assert.Equal(met, CohortSelectionPredictor.Aggregate(CohortCriteria.All.Single(c => c.Name == "CREATININE"), [new QuestionAnswer(AnswerKind.Numeric, value, "")]));

    [Theory]
    [InlineData(6.4, false)]
    [InlineData(6.5, true)]
    [InlineData(9.5, true)]
    [InlineData(9.6, false)]
    public void HbA1c_is_met_from_6_5_to_9_5(double value, bool met) =>
        Assert.Equal(met, CohortSelectionPredictor.Aggregate(CohortCriteria.All.Single(c => c.Name == "HBA1C"), [new QuestionAnswer(AnswerKind.Numeric, value, "")]));

    [Fact]
    public async Task Asks_all_13_criteria_and_never_shows_the_gold_tags()
    {
        var patient = new Document("p1", "Speaks English.", metadata: new Dictionary<string, string> { ["criterion.ENGLISH"] = "met" });
        var answerer = new TableAnswerer(q => q.Contains("English") ? new QuestionAnswer(AnswerKind.Yes, null, "Yes")
            : q.Contains("creatinine") ? new QuestionAnswer(AnswerKind.Numeric, 2.0, "2.0") : QuestionAnswer.NotAnswerable());
        var predictions = await CohortSelectionPredictor.PredictAsync(answerer, [patient]);
        Assert.Equal(13, predictions.Count);
        Assert.Equal(["CREATININE", "ENGLISH"], predictions.Where(p => p.Met).Select(p => p.Criterion).Order());
        Assert.All(answerer.Seen, d => Assert.Empty(d.Metadata));
        Assert.Equal(Distill.Corpora.N2c2Track1Reader.CriterionNames, CohortCriteria.All.Select(c => c.Name));
    }
}
