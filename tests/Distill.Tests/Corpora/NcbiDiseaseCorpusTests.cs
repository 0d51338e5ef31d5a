using Distill.Corpora;

namespace Distill.Tests.Corpora;

/// <summary>The shipped NCBI Disease copy against the counts of Doğan et al. (2014), Table 2.</summary>
public class NcbiDiseaseCorpusTests
{
    internal static CorpusReadReport ShippedReport { get; } = new();

    internal static Corpus Shipped { get; } = NcbiDiseaseCorpus.Load(Path.Combine(RepositoryRoot.Path, "data", "ncbi-disease"), report: ShippedReport);

    [Theory]
    [InlineData(SplitNames.Train, 593, 5145)]
    [InlineData(SplitNames.Dev, 100, 787)]
    [InlineData(SplitNames.Test, 100, 960)]
    public void Official_split_sizes_and_mention_counts(string split, int abstracts, int mentions)
    {
        var docs = Shipped.Split(split);

        Assert.Equal(abstracts, docs.Count);
        Assert.Equal(mentions, docs.Sum(d => d.Spans.Count));
    }

    [Fact]
    public void Corpus_has_6892_disease_mentions_in_total()
    {
        var all = Shipped.Splits.Values.SelectMany(d => d).SelectMany(d => d.Spans).ToList();

        Assert.Equal(6892, all.Count);
        Assert.Equal([EntityTypes.Disease], Shipped.EntityTypesPresent());
        // Source types as released: 3,939 SpecificDisease, 1,767 Modifier, 1,016 DiseaseClass, 170 CompositeMention.
        var bySource = all.GroupBy(s => s.SourceType!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3939, bySource["SpecificDisease"]);
        Assert.Equal(1767, bySource["Modifier"]);
        Assert.Equal(1016, bySource["DiseaseClass"]);
        Assert.Equal(170, bySource["CompositeMention"]);
    }

    [Fact]
    public void Strict_load_has_no_warnings_and_one_trimmed_mention_text()
    {
        // Train line 3249 (PMID 10923035) ends its mention text with two spaces its offsets do not cover.
        Assert.Equal(0, ShippedReport.WarningCount);
        Assert.Equal(1, ShippedReport.Count("mention text with surrounding whitespace (trimmed)"));
    }

    [Fact]
    public void Duplicate_pmid_8528200_is_kept_twice_in_train_as_released_with_unique_ids()
    {
        var copies = Shipped.Split(SplitNames.Train).Where(d => d.Metadata["pmid"] == "8528200").ToList();

        Assert.Equal(["8528200", "8528200-2"], copies.Select(d => d.Id));
        Assert.Equal(copies[0].Text, copies[1].Text);
        Assert.Equal(1, ShippedReport.Count("repeated PMIDs (id suffixed)"));
        var ids = Shipped.Splits.Values.SelectMany(d => d).Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Default_directory_is_the_shipped_copy()
    {
        Assert.True(File.Exists(Path.Combine(NcbiDiseaseCorpus.DefaultDirectory, NcbiDiseaseCorpus.SplitFiles[SplitNames.Test])));
    }
}
