using Distill.Aggregation;
using Distill.Aggregation.Relations;
using Distill.Corpora;
using Distill.Corpora.Relations;

namespace Distill.Tests.Aggregation.Relations;

public class PairSubsetSearchTests
{
    static AdePair Pair(int at) => new(new EntitySpan(at, at + 2, "medication", "dd"), new EntitySpan(at + 5, at + 7, "adverse_effect", "ee"));

    [Fact]
    public void Votes_are_per_pair_and_the_search_finds_the_rule_that_drops_a_lone_noisy_teacher()
    {
        // Gold: pair at 0 in every sentence. Teachers a and b emit it; c emits it plus a wrong pair at 20.
        var ids = Enumerable.Range(0, 10).Select(i => $"s{i}").ToArray();
        IReadOnlyList<IReadOnlyList<AdePair>> gold = ids.Select(_ => (IReadOnlyList<AdePair>)[Pair(0)]).ToArray();
        IReadOnlyList<IReadOnlyList<AdePair>> Same(params AdePair[] pairs) => ids.Select(_ => (IReadOnlyList<AdePair>)pairs).ToArray();
        var table = PairVoteTable.Build(["a", "b", "c"], ids, [Same(Pair(0)), Same(), Same(Pair(0), Pair(20))]);

        Assert.Equal([0b101u, 0b100u], table.Candidates[0].Select(c => c.Votes));
        var costs = new Dictionary<string, (double, double)> { ["a"] = (0.01, 1), ["b"] = (0, 0), ["c"] = (0, 0) };
        var choice = PairSubsetSearch.Run(table, gold, costs);

        Assert.Equal(1.0, choice.Chosen.Strict.F1);
        // Free c alone (F1 0.667) loses; a alone is perfect but costs; intersection of a and c also perfect: the cheapest perfect one wins.
        Assert.Contains(choice.Scores, s => s.Teachers == "c" && Math.Abs(s.Strict.F1 - 2.0 / 3) < 1e-9);
        Assert.Equal(choice.Scores.Where(s => s.Strict.F1 == 1.0).Min(s => s.CostPerSentence), choice.Chosen.CostPerSentence);
        Assert.Equal(7 * LabelCombiners.All.Count, choice.Scores.Count);
    }
}
