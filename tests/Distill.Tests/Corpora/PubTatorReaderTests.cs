using Distill.Corpora;

namespace Distill.Tests.Corpora;

public class PubTatorReaderTests
{
    const string TwoDocs =
        "\n" +
        "1|t|Skin tumour.\n" +
        "1|a|Colon cancer and ataxia.\n" +
        "1\t0\t11\tSkin tumour\tDiseaseClass\tD012878\n" +
        "1\t13\t25\tColon cancer\tSpecificDisease\tD003110\n" +
        "\n" +
        "2|t|Title\n" +
        "2|a|Abstract about gout.\n" +
        "2\t21\t25\tgout\tModifier\tD006073\n";

    static List<Document> Read(string content, CorpusReadOptions? options = null, CorpusReadReport? report = null) =>
        PubTatorReader.ReadAsync(new StringReader(content), "mem.txt", options, report).ToBlockingEnumerable().ToList();

    [Fact]
    public void Offsets_index_title_space_abstract_and_types_map_to_disease()
    {
        var docs = Read(TwoDocs);

        Assert.Equal(2, docs.Count);
        Assert.Equal("Skin tumour. Colon cancer and ataxia.", docs[0].Text);
        Assert.Equal(["Skin tumour", "Colon cancer"], docs[0].Spans.Select(s => s.Text));
        Assert.All(docs.SelectMany(d => d.Spans), s => Assert.Equal(EntityTypes.Disease, s.Type));
        Assert.Equal(["DiseaseClass", "SpecificDisease"], docs[0].Spans.Select(s => s.SourceType));
        Assert.Equal("D003110", docs[0].Spans[1].SourceId);
        Assert.Equal("12", docs[0].Metadata["title_length"]);
        Assert.Equal("gout", docs[1].Spans.Single().Text);
    }

    [Fact]
    public void Mention_text_that_disagrees_with_offsets_names_file_and_line()
    {
        var bad = TwoDocs.Replace("1\t13\t25\tColon cancer", "1\t14\t26\tColon cancer");

        var ex = Assert.Throws<CorpusFormatException>(() => Read(bad));

        Assert.Equal("mem.txt", ex.File);
        Assert.Equal(5, ex.Line);
        Assert.Contains("Colon cancer", ex.Message);
    }

    [Fact]
    public void Unknown_type_is_an_error_under_the_disease_map()
    {
        var bad = TwoDocs.Replace("Modifier", "Chemical");

        var ex = Assert.Throws<CorpusFormatException>(() => Read(bad));

        Assert.Equal(9, ex.Line);
        Assert.Contains("Chemical", ex.Message);
    }

    [Fact]
    public void Lenient_mode_skips_bad_lines_and_counts_them()
    {
        var bad = TwoDocs.Replace("1\t13\t25\tColon cancer", "1\t13\t999\tColon cancer").Replace("2|a|", "2|x|");
        var report = new CorpusReadReport();

        var docs = Read(bad, CorpusReadOptions.Lenient, report);

        Assert.Single(docs);
        Assert.Single(docs[0].Spans);
        Assert.Equal(2, report.WarningCount);
        Assert.Equal([5, 8], report.Warnings.Select(w => w.Line ?? 0));
    }

    [Fact]
    public void Relation_lines_are_counted_not_read_as_mentions()
    {
        var withRelation = TwoDocs + "2\tCID\tD000001\tD006073\n";
        var report = new CorpusReadReport();

        var docs = Read(withRelation, report: report);

        Assert.Single(docs[1].Spans);
        Assert.Equal(1, report.Count("relations"));
    }

    [Fact]
    public void Missing_file_is_a_clear_error()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => PubTatorReader.Read("/nonexistent/x.txt"));
        Assert.Contains("/nonexistent/x.txt", ex.Message);
    }

    // Moved from the teachers stage's stopgap reader, which this reader replaced.
    [Fact]
    public void Reads_the_NCBI_sample_file_with_checked_offsets_and_source_types()
    {
        var documents = PubTatorReader.Read(Distill.Tests.Teachers.TeacherTestData.File("ncbi-sample.txt"));
        var first = documents[0];
        Assert.Equal("9949209", first.Id);
        Assert.StartsWith("Genetic mapping of the copper toxicosis locus", first.Text);
        var span = first.Spans[0];
        Assert.Equal((23, 39, "copper toxicosis", "disease", "Modifier"), (span.Start, span.End, span.Text, span.Type, span.SourceType));
        Assert.All(documents, d => Assert.NotEmpty(d.Spans));
    }

    [Fact]
    public void A_malformed_offset_names_the_file_and_line()
    {
        var path = Path.Combine(Distill.Tests.Teachers.TeacherTestData.TempFolder(), "bad.txt");
        File.WriteAllText(path, "1|t|Title\n1|a|Abstract\n1\tx\t3\tTit\tDiseaseClass\tD1\n");
        var error = Assert.Throws<CorpusFormatException>(() => PubTatorReader.Read(path));
        Assert.Equal(3, error.Line);
        Assert.Contains("bad.txt:3", error.Message);
    }

    [Fact]
    public void A_repeated_PMID_gets_a_numbered_id_and_keeps_its_pmid()
    {
        var docs = Read(TwoDocs + "\n" + TwoDocs.TrimStart('\n'));

        Assert.Equal(["1", "2", "1-2", "2-2"], docs.Select(d => d.Id));
        Assert.Equal("1", docs[2].Metadata["pmid"]);
    }
}
