using Distill.Aggregation;
using Distill.Corpora;
using static Distill.Tests.Aggregation.AggregationTestData;

namespace Distill.Tests.Aggregation;

public sealed class LabelCombinersTests
{
    // Tokens: fever | and | cough | today. Gold: fever.
    // A says fever, cough; B says fever; C says today.
    static VoteTable Table()
    {
        var doc = Doc("d1", "fever and cough today", "fever");
        return VoteTable.Build(EntityTypes.Disease, [doc], ["A", "B", "C"],
            [Labels((doc, ["fever", "cough"])), Labels((doc, ["fever"])), Labels((doc, ["today"]))],
            withGold: true, tokenizer: null, out _);
    }

    static (long tp, long fp, long fn) Score(VoteTable table, uint mask, ILabelCombiner rule)
    {
        var result = SubsetSearch.Run([table], [], new SubsetSearchOptions(Rules: [rule], BootstrapResamples: 10));
        var s = result.Scores.Single(x => x.Subset.Mask == mask);
        return (s.TruePositives, s.FalsePositives, s.FalseNegatives);
    }

    [Fact]
    public void Union_takes_any_vote() => Assert.Equal((1L, 2L, 0L), Score(Table(), 0b111, LabelCombiners.Union));

    [Fact]
    public void Intersection_takes_unanimous_votes()
    {
        Assert.Equal((1L, 0L, 0L), Score(Table(), 0b011, LabelCombiners.Intersection));
        Assert.Equal((0L, 0L, 1L), Score(Table(), 0b111, LabelCombiners.Intersection));
    }

    [Fact]
    public void Majority_needs_more_than_half()
    {
        Assert.Equal((1L, 0L, 0L), Score(Table(), 0b111, LabelCombiners.Majority));
        // Two teachers: a tie (one of two) is not a majority, so A + C keeps nothing they disagree on.
        Assert.Equal((0L, 0L, 1L), Score(Table(), 0b101, LabelCombiners.Majority));
    }

    [Fact]
    public void A_single_teacher_scores_the_same_under_every_hard_rule()
    {
        foreach (var rule in new[] { LabelCombiners.Union, LabelCombiners.Intersection, LabelCombiners.Majority })
            Assert.Equal((1L, 1L, 0L), Score(Table(), 0b001, rule));
    }

    [Fact]
    public void Table_counts_tokens_and_reports_documents_a_teacher_did_not_label()
    {
        var doc = Doc("d1", "fever and cough today", "fever");
        var other = Doc("d2", "no complaints");
        var table = VoteTable.Build(EntityTypes.Disease, [doc, other], ["A", "B"],
            [Labels((doc, ["fever"]), (other, [])), Labels((doc, ["cough"]))],
            withGold: true, tokenizer: null, out var missing);
        Assert.Equal(6, table.TokenCount);
        Assert.Equal(0, missing["A"]);
        Assert.Equal(1, missing["B"]);
        Assert.Equal(1, table.Total.GoldTotal);
    }

    [Fact]
    public void Parse_accepts_names_and_rejects_unknown_ones_with_the_list()
    {
        Assert.Equal(LabelCombiners.WeightedVote, LabelCombiners.Parse("weighted-vote"));
        Assert.Equal(LabelCombiners.LabelModel, LabelCombiners.Parse("label_model"));
        var error = Assert.Throws<ArgumentException>(() => LabelCombiners.Parse("unanimous"));
        Assert.Contains("union", error.Message);
    }

    [Fact]
    public void Fit_checks_the_number_of_patterns()
    {
        Assert.Throws<ArgumentException>(() => LabelCombiners.Union.Fit(2, new long[3], new long[3]));
    }
}
