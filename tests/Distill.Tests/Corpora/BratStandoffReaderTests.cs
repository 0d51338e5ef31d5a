using Distill.Corpora;

namespace Distill.Tests.Corpora;

public sealed class BratStandoffReaderTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-brat-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static List<BratDocument> ReadTrack2(CorpusReadOptions? options = null, CorpusReadReport? report = null) =>
        BratStandoffReader.ReadDirectoryAsync(CorpusTestData.Path("n2c2-2018-track2"), options, report).ToBlockingEnumerable().ToList();

    [Fact]
    public void Track2_notes_load_with_drugs_as_medication_and_other_types_counted()
    {
        var report = new CorpusReadReport();

        var docs = ReadTrack2(report: report);

        Assert.Equal(["100001", "100002"], docs.Select(d => d.Document.Id));
        var first = docs[0].Document;
        Assert.Equal(["lisinopril", "metformin"], first.Spans.Select(s => s.Text));
        Assert.All(first.Spans, s => Assert.Equal(EntityTypes.Medication, s.Type));
        Assert.Equal(["T1", "T7"], first.Spans.Select(s => s.SourceId));
        Assert.Equal(12, docs[0].Entities.Count);
        Assert.Equal(10, docs[0].Relations.Count);
        Assert.Equal(("Strength-Drug", "T2", "T1"), (docs[0].Relations[0].Type, docs[0].Relations[0].Arg1, docs[0].Relations[0].Arg2));
        Assert.Equal(12, report.Count("relations"));
        Assert.Equal(2, report.Count("skipped type Strength"));
        Assert.Equal(2, report.Count("skipped type ADE"));
        Assert.Equal(2, report.Count("brat lines skipped (attribute, note, event, normalisation, equivalence)"));
        Assert.Equal(0, report.WarningCount);
    }

    [Fact]
    public void Discontinuous_entity_spans_first_start_to_last_end_and_crlf_offsets_count_two()
    {
        var report = new CorpusReadReport();

        var doc = ReadTrack2(report: report)[1];

        var entity = doc.Entities.Single(e => e.Id == "T3");
        Assert.True(entity.IsDiscontinuous);
        Assert.Equal("piperacillin / tazobactam", doc.Document.Spans.Single(s => s.SourceId == "T3").Text);
        Assert.Equal(1, report.Count("discontinuous entities merged"));
        Assert.Equal("vancomycin", doc.Document.Spans[0].Text);
        Assert.Contains("\r\n", doc.Document.Text);
    }

    [Fact]
    public void Entity_across_a_newline_matches_its_space_joined_text_field()
    {
        var doc = ReadTrack2(new CorpusReadOptions(LabelMap: LabelMap.Identity))[0].Document;

        var route = doc.Spans.Single(s => s.SourceId == "T10");
        Assert.Equal("by\nmouth", route.Text);
        Assert.Equal("Route", route.Type);
        Assert.Equal(12, doc.Spans.Count);
    }

    [Fact]
    public void Missing_txt_is_a_clear_error_naming_the_ann()
    {
        var ex = Assert.Throws<CorpusFormatException>(() => BratStandoffReader.ReadDocuments(CorpusTestData.Path("brat-missing-txt")));

        Assert.EndsWith("100003.ann", ex.File);
        Assert.Contains("100003.txt is missing", ex.Message);
    }

    [Theory]
    [InlineData("T1\tDrug 0 7\tasprin\n", 1, "says 'asprin' but the text")]
    [InlineData("T1\tDrug 0 7\taspirin\nT2\tDrug 5 99\tx\n", 2, "outside the text")]
    [InlineData("T1\tDrug 0 x\taspirin\n", 1, "non-negative integers")]
    [InlineData("T1\tDrug 0 7\taspirin\nR1\tADE-Drug Arg1:T9 Arg2:T1\n", 2, "refers to T9")]
    [InlineData("T1\tDrug 0 7\taspirin\nX1\twhat\n", 2, "unknown BRAT line kind 'X'")]
    [InlineData("T1\tDrug 8 12;0 7\tdaily aspirin\n", 1, "in order")]
    public void Bad_ann_lines_name_file_and_line(string ann, int line, string expected)
    {
        File.WriteAllText(Path.Combine(dir, "n.txt"), "aspirin daily");
        File.WriteAllText(Path.Combine(dir, "n.ann"), ann);

        var ex = Assert.Throws<CorpusFormatException>(() => BratStandoffReader.ReadDocuments(dir));

        Assert.EndsWith("n.ann", ex.File);
        Assert.Equal(line, ex.Line);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Lenient_mode_warns_for_bad_entities_and_a_txt_without_ann()
    {
        File.WriteAllText(Path.Combine(dir, "n.txt"), "aspirin daily");
        File.WriteAllText(Path.Combine(dir, "n.ann"), "T1\tDrug 0 7\taspirin\nT2\tDrug 0 7\twrong\n");
        File.WriteAllText(Path.Combine(dir, "orphan.txt"), "no annotations");
        var report = new CorpusReadReport();

        var docs = BratStandoffReader.ReadDocuments(dir, CorpusReadOptions.Lenient, report);

        Assert.Single(Assert.Single(docs).Spans);
        Assert.Equal(2, report.WarningCount);
        Assert.Contains(report.Warnings, w => w.File.EndsWith("orphan.txt") && w.Message.Contains("no matching .ann"));
    }

    [Fact]
    public void Unmapped_type_is_rejected_when_the_map_says_so()
    {
        File.WriteAllText(Path.Combine(dir, "n.txt"), "aspirin daily");
        File.WriteAllText(Path.Combine(dir, "n.ann"), "T1\tDrug 0 7\taspirin\nT2\tFrequency 8 13\tdaily\n");
        var strictMap = new LabelMap(new Dictionary<string, string> { ["Drug"] = "medication" }, UnmappedTypePolicy.Error);

        var ex = Assert.Throws<CorpusFormatException>(() => BratStandoffReader.ReadDocuments(dir, new CorpusReadOptions(LabelMap: strictMap)));

        Assert.Equal(2, ex.Line);
        Assert.Contains("'Frequency' is not in the label map", ex.Message);
    }
}
