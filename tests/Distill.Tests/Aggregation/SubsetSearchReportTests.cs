using Distill.Aggregation;
using Distill.Corpora;
using static Distill.Tests.Aggregation.AggregationTestData;

namespace Distill.Tests.Aggregation;

public sealed class SubsetSearchReportTests
{
    [Fact]
    public void Tables_have_one_row_per_score_and_per_choice_best_first()
    {
        var docs = Enumerable.Range(0, 12).Select(i => Doc($"d{i}", "fever and cough", i % 2 == 0 ? "fever" : "cough")).ToList();
        var a = docs.ToDictionary(d => d.Id, d => d.Spans);
        var b = docs.ToDictionary(d => d.Id, d => (IReadOnlyList<EntitySpan>)[Span(d.Text, "fever")]);
        var table = VoteTable.Build(EntityTypes.Disease, docs, ["a", "b"], [a, b], true, null, out _);
        var result = SubsetSearch.Run([table], [], new SubsetSearchOptions(BootstrapResamples: 50));

        var scores = SubsetSearchReport.Scores(result);
        Assert.Equal(result.Scores.Count, scores.Rows.Count);
        var f1 = scores.Columns["f1"];
        for (var i = 1; i < f1.Length; i++) Assert.True((double)f1[i - 1]! >= (double)f1[i]!);

        var choices = SubsetSearchReport.Choices(result);
        Assert.Equal(1, choices.Rows.Count);
        Assert.Equal("a", choices.Columns["best_combination"][0]);
        Assert.Equal(1.0, (double)choices.Columns["dev_f1"][0]!);
    }
}
