using Distill.Corpora;
using Distill.Corpora.Relations;
using Distill.Teachers.Relations;

namespace Distill.Tests.Teachers.Relations;

public class PairSpansTests
{
    [Fact]
    public void Pairs_survive_the_span_encoding_including_a_drug_in_two_pairs()
    {
        var drug = new EntitySpan(0, 7, "medication", "Lithium");
        AdePair[] pairs = [new(drug, new EntitySpan(8, 14, "adverse_effect", "tremor")), new(drug, new EntitySpan(19, 27, "adverse_effect", "polyuria"))];
        var spans = PairSpans.Encode(pairs);
        Assert.Equal(["drug#0", "adverse_event#0", "drug#1", "adverse_event#1"], spans.Select(s => s.Type));
        Assert.Equal(pairs.Select(p => p.Key), PairSpans.Decode(spans).Select(p => p.Key));
    }

    [Fact]
    public void Spans_that_are_not_pair_roles_are_refused()
    {
        Assert.Throws<InvalidDataException>(() => PairSpans.Decode([new EntitySpan(0, 3, "disease", "flu")]));
        Assert.Throws<InvalidDataException>(() => PairSpans.Decode([new EntitySpan(0, 3, "drug#0", "flu")]));
    }
}
