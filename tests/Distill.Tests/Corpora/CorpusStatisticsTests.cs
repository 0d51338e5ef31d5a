using Distill.Corpora;

namespace Distill.Tests.Corpora;

public class CorpusStatisticsTests
{
    [Fact]
    public void Counts_documents_tokens_and_mentions_per_type_in_split_order()
    {
        var corpus = new Corpus("toy", new Dictionary<string, IReadOnlyList<Document>>
        {
            ["test"] = [new Document("t", "Fever. Cough now.", [new EntitySpan(0, 5, "symptom", "Fever"), new EntitySpan(7, 12, "symptom", "Cough")])],
            ["train"] = [new Document("a", "aspirin for gout", [new EntitySpan(0, 7, "medication", "aspirin"), new EntitySpan(12, 16, "disease", "gout")]), new Document("b", "none")],
        });

        var stats = CorpusStatistics.Compute(corpus);

        Assert.Equal(["train", "test"], stats.Splits.Select(s => s.Split));
        Assert.Equal((2, 2, 4, 2), (stats.Splits[0].Documents, stats.Splits[0].Sentences, stats.Splits[0].Tokens, stats.Splits[0].Mentions));
        Assert.Equal((1, 2, 5), (stats.Splits[1].Documents, stats.Splits[1].Sentences, stats.Splits[1].Tokens));
        Assert.Equal(["disease", "medication", "symptom"], stats.Types);
        Assert.Equal(2, stats.Splits[1].MentionsByType["symptom"]);
    }

    [Fact]
    public void Ncbi_token_counts_match_the_tokenizer()
    {
        var stats = CorpusStatistics.Compute(NcbiDiseaseCorpusTests.Shipped);

        Assert.Equal([593, 100, 100], stats.Splits.Select(s => s.Documents));
        Assert.Equal([5145, 787, 960], stats.Splits.Select(s => s.MentionsByType[EntityTypes.Disease]));
        Assert.Equal(NcbiDiseaseCorpusTests.Shipped.Split("dev").Sum(d => ClinicalWordTokenizer.Instance.Tokenize(d.Text).Count), stats.Splits[1].Tokens);
    }
}
