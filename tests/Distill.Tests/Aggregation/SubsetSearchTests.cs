using Distill.Aggregation;
using Distill.Corpora;
using static Distill.Tests.Aggregation.AggregationTestData;

namespace Distill.Tests.Aggregation;

public sealed class SubsetSearchTests
{
    static readonly string[] Words = ["fever", "cough", "asthma", "diabetes", "nausea", "pain", "rash", "sepsis"];

    // Many small documents with gold mentions; 'perfect' copies gold, 'noisy' drops every other
    // mention and adds a false one.
    static (List<Document> docs, Dictionary<string, IReadOnlyList<EntitySpan>> perfect, Dictionary<string, IReadOnlyList<EntitySpan>> noisy) Corpus(int n)
    {
        var docs = new List<Document>();
        var perfect = new Dictionary<string, IReadOnlyList<EntitySpan>>();
        var noisy = new Dictionary<string, IReadOnlyList<EntitySpan>>();
        for (var i = 0; i < n; i++)
        {
            var a = Words[i % Words.Length];
            var b = Words[(i + 3) % Words.Length];
            var doc = Doc($"d{i}", $"patient reports {a} and {b} since monday", a);
            docs.Add(doc);
            perfect[doc.Id] = doc.Spans;
            noisy[doc.Id] = i % 2 == 0 ? [Span(doc.Text, b)] : [Span(doc.Text, a), Span(doc.Text, "monday")];
        }
        return (docs, perfect, noisy);
    }

    [Fact]
    public void Picks_the_subset_with_the_best_F1_and_scores_every_subset_and_rule()
    {
        var (docs, perfect, noisy) = Corpus(40);
        var table = VoteTable.Build(EntityTypes.Disease, docs, ["noisy", "perfect"], [noisy, perfect], true, null, out _);
        var result = SubsetSearch.Run([table], [], new SubsetSearchOptions(BootstrapResamples: 200));
        Assert.Equal(3 * LabelCombiners.All.Count, result.Scores.Count);
        var choice = Assert.Single(result.Choices);
        Assert.Equal(1.0, choice.Chosen.F1);
        Assert.True(choice.Chosen.Subset.Contains(1));
        var noisyAlone = result.Scores.Single(s => s.Subset.Mask == 0b01 && s.Rule == LabelCombiners.Union);
        Assert.Equal(20, noisyAlone.TruePositives);
        Assert.Equal(40, noisyAlone.FalsePositives);
        Assert.Equal(20, noisyAlone.FalseNegatives);
    }

    [Fact]
    public void Only_teachers_that_support_the_type_form_subsets()
    {
        var (docs, perfect, noisy) = Corpus(20);
        // "perfect" cannot label this type (no lexicon for it): it must never be chosen, nor voted as "outside".
        var table = VoteTable.Build(EntityTypes.Disease, docs, ["noisy", "perfect"], [noisy, perfect], true, null, out _)
            .WithEligibleTeachers([true, false]);
        var result = SubsetSearch.Run([table], [], new SubsetSearchOptions(BootstrapResamples: 50));
        Assert.All(result.Scores, s => Assert.Equal(0b01u, s.Subset.Mask));
        Assert.Equal("noisy", Assert.Single(result.Choices).Chosen.Teachers);
        Assert.Throws<ArgumentException>(() => table.WithEligibleTeachers([false, false]));
    }

    [Fact]
    public void A_tie_goes_to_the_cheaper_subset()
    {
        var (docs, perfect, _) = Corpus(30);
        // Two teachers that say the same thing; one costs a hundred times more.
        var table = VoteTable.Build(EntityTypes.Disease, docs, ["expensive", "cheap"], [perfect, perfect], true, null, out _);
        var costs = new[]
        {
            new TeacherCostProfile("expensive", EntityTypes.Disease, 0.016, 1.7),
            new TeacherCostProfile("cheap", EntityTypes.Disease, 0.00016, 0.2),
        };
        var result = SubsetSearch.Run([table], costs, new SubsetSearchOptions(Rules: [LabelCombiners.Union], BootstrapResamples: 100));
        var choice = Assert.Single(result.Choices);
        Assert.Equal("cheap", choice.Chosen.Teachers);
        Assert.Equal(0.00016, choice.Chosen.CostPerNote, 10);
        Assert.Contains(choice.NearTies, t => t.Score.Teachers == "expensive + cheap");
    }

    [Fact]
    public void A_clearly_worse_cheap_subset_is_not_a_near_tie()
    {
        var (docs, perfect, noisy) = Corpus(80);
        var table = VoteTable.Build(EntityTypes.Disease, docs, ["noisy", "perfect"], [noisy, perfect], true, null, out _);
        var costs = new[]
        {
            new TeacherCostProfile("noisy", EntityTypes.Disease, 0.0001, 0.1),
            new TeacherCostProfile("perfect", EntityTypes.Disease, 0.01, 1),
        };
        var result = SubsetSearch.Run([table], costs, new SubsetSearchOptions(Rules: [LabelCombiners.Union], BootstrapResamples: 300));
        var choice = Assert.Single(result.Choices);
        Assert.Equal("perfect", choice.Chosen.Teachers);
        Assert.DoesNotContain(choice.NearTies, t => t.Score.Teachers == "noisy");
    }

    [Fact]
    public void Cost_and_latency_of_a_subset_are_summed_over_its_teachers()
    {
        var costs = new[]
        {
            new TeacherCostProfile("a", "disease", 0.01, 1.5),
            new TeacherCostProfile("b", "disease", 0.002, 0.5),
            new TeacherCostProfile("b", "symptom", 9, 9),
        };
        var (cost, latency) = SubsetSearch.CostOf(new TeacherSubset(0b11), "disease", ["a", "b"], costs);
        Assert.Equal(0.012, cost, 10);
        Assert.Equal(2.0, latency, 10);
    }

    [Fact]
    public void Pareto_frontier_keeps_only_undominated_points()
    {
        SubsetScore S(uint mask, long tp, long fp, double cost) =>
            new("disease", LabelCombiners.Union, new TeacherSubset(mask), mask.ToString(), tp, fp, 10 - tp, cost, 0);
        var a = S(1, 5, 5, 0.001);   // F1 0.5, cheapest
        var b = S(2, 5, 5, 0.002);   // F1 0.5 at higher cost: dominated
        var c = S(3, 8, 2, 0.003);   // F1 0.8
        var d = S(4, 7, 1, 0.004);   // F1 0.78 at higher cost: dominated
        var e = S(5, 9, 1, 0.010);   // F1 0.9
        var frontier = SubsetSearch.ParetoFrontier([e, d, c, b, a]);
        Assert.Equal([a, c, e], frontier);
    }

    [Fact]
    public void Tables_without_gold_are_refused()
    {
        var (docs, perfect, _) = Corpus(4);
        var table = VoteTable.Build(EntityTypes.Disease, docs, ["t"], [perfect], withGold: false, null, out _);
        var error = Assert.Throws<ArgumentException>(() => SubsetSearch.Run([table], []));
        Assert.Contains("gold", error.Message);
    }
}
