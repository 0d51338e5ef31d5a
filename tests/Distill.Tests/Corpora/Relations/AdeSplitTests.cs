using Distill.Corpora;
using Distill.Corpora.Relations;

namespace Distill.Tests.Corpora.Relations;

public class AdeSplitTests
{
    static IReadOnlyList<AdeSentence> Sentences(int pmids) =>
        Enumerable.Range(0, pmids).SelectMany(p => Enumerable.Range(1, 3).Select(n => new AdeSentence(
            new Document($"{1000 + p}-{n}", $"Sentence {n} of {p}.", metadata: new Dictionary<string, string> { ["pmid"] = $"{1000 + p}" }), []))).ToArray();

    [Fact]
    public void Split_is_by_pmid_seeded_and_independent_of_order()
    {
        var sentences = Sentences(100);
        var split = AdeSplit.Create(sentences, 13);
        var again = AdeSplit.Create(sentences.Reverse().ToArray(), 13);
        string Pmid(AdeSentence s) => s.Document.Metadata["pmid"];

        Assert.Equal(300, split.Pool.Count + split.Dev.Count + split.Test.Count);
        Assert.Equal(20 * 3, split.Test.Count);
        Assert.Equal(10 * 3, split.Dev.Count);
        Assert.Empty(split.Test.Select(Pmid).Intersect(split.Pool.Select(Pmid).Concat(split.Dev.Select(Pmid))));
        Assert.Equal(split.Test.Select(s => s.Document.Id).Order(), again.Test.Select(s => s.Document.Id).Order());
        Assert.NotEqual(split.Test.Select(Pmid).ToHashSet(), AdeSplit.Create(sentences, 14).Test.Select(Pmid).ToHashSet());
    }

    [Fact]
    public void Sample_keeps_at_most_count_in_input_order()
    {
        var sentences = Sentences(20);
        var sample = AdeSplit.Sample(sentences, 10, 1);
        Assert.Equal(10, sample.Count);
        Assert.Equal(sample.OrderBy(s => sentences.ToList().IndexOf(s)), sample);
        Assert.Same(sentences, AdeSplit.Sample(sentences, 100, 1));
    }
}
