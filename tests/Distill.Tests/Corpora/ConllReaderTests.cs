using Distill.Corpora;

namespace Distill.Tests.Corpora;

public class ConllReaderTests
{
    [Fact]
    public void Bio_file_with_docstart_builds_documents_and_spans()
    {
        var report = new CorpusReadReport();

        var docs = ConllReader.Read(CorpusTestData.Path("conll", "bio.tsv"), report: report);

        Assert.Equal(2, docs.Count);
        Assert.Equal("Breast cancer and ovarian cancer .\nFever cough", docs[0].Text);
        Assert.Equal(["Breast cancer", "ovarian cancer", "Fever", "cough"], docs[0].Spans.Select(s => s.Text));
        Assert.Equal(["Disease", "Disease", "Symptom", "Symptom"], docs[0].Spans.Select(s => s.Type));
        Assert.Equal("stray", Assert.Single(docs[1].Spans).Text);
        Assert.Equal(1, report.Count("bio I- tags starting a span"));
    }

    [Fact]
    public void Io_file_is_detected_and_merges_adjacent_tokens_of_a_type()
    {
        var docs = ConllReader.Read(CorpusTestData.Path("conll", "io.txt"));

        Assert.Equal(2, docs.Count); // no -DOCSTART-: one document per sentence
        Assert.Equal([("Fever cough", "symptom"), ("aspirin", "medication")], docs[0].Spans.Select(s => (s.Text, s.Type)));
        Assert.Empty(docs[1].Spans);
    }

    [Fact]
    public void Bad_tag_names_file_and_line()
    {
        var reader = new StringReader("a\tB-x\nb\tZ-x\n");

        var ex = Assert.Throws<CorpusFormatException>(() =>
            ConllReader.ReadAsync(reader, "t", "mem.tsv", TagScheme.Bio).ToBlockingEnumerable().ToList());

        Assert.Equal(("mem.tsv", 2), (ex.File, ex.Line ?? 0));
    }

    [Theory]
    [InlineData("train.tsv", SplitNames.Train)]
    [InlineData("devel.tsv", SplitNames.Dev)]
    [InlineData("test.tsv", SplitNames.Test)]
    public void Ncbi_conll_files_hold_the_same_mentions_as_pubtator(string file, string split)
    {
        var docs = ConllReader.Read(Path.Combine(RepositoryRoot.Path, "data", "ncbi-disease", "conll", file),
            options: new CorpusReadOptions(LabelMap: LabelMap.PubTatorDisease));

        var conll = docs.SelectMany(d => d.Spans).Select(s => s.Text.Replace(" ", "")).Order(StringComparer.Ordinal).ToList();
        var pubtator = NcbiDiseaseCorpusTests.Shipped.Split(split).SelectMany(d => d.Spans)
            .Select(s => string.Concat(s.Text.Where(c => !char.IsWhiteSpace(c)))).Order(StringComparer.Ordinal).ToList();

        Assert.All(docs.SelectMany(d => d.Spans), s => Assert.Equal(EntityTypes.Disease, s.Type));
        // Same count per split as the PubTator files (5,145 / 787 / 960), and the same surface strings up to
        // spacing, except where the CoNLL conversion widened a mention that ends inside a token (the two
        // truncated train mentions "...disorde" + "r", "...complemen" + "t" that SpanAlignment reports).
        Assert.Equal(pubtator.Count, conll.Count);
        var conllCounts = conll.CountBy(x => x).ToDictionary();
        var onlyInPubTator = pubtator.CountBy(x => x).Sum(kv => Math.Max(0, kv.Value - conllCounts.GetValueOrDefault(kv.Key)));
        var cutTokens = SpanAlignment.Analyze(NcbiDiseaseCorpusTests.Shipped.Split(split), ClinicalWordTokenizer.Instance)
            .Count(SpanAlignmentIssue.BoundaryInsideToken);
        Assert.Equal(cutTokens, onlyInPubTator);
    }
}
