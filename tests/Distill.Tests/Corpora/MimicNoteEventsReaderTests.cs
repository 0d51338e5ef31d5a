using Distill.Corpora;

namespace Distill.Tests.Corpora;

public sealed class MimicNoteEventsReaderTests : IDisposable
{
    static readonly string Csv = CorpusTestData.Path("mimic-iii", "NOTEEVENTS.csv");
    readonly string dir = Directory.CreateTempSubdirectory("distill-mimic-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static List<Document> Read(string path, MimicNoteFilter? filter = null, CorpusReadOptions? options = null, CorpusReadReport? report = null) =>
        MimicNoteEventsReader.ReadAsync(path, filter, options, report).ToBlockingEnumerable().ToList();

    [Fact]
    public void Quoted_multiline_text_with_escaped_quotes_reads_exactly()
    {
        var report = new CorpusReadReport();

        var notes = Read(Csv, report: report);

        Assert.Equal(23, notes.Count); // 24 rows, ROW_ID 3 is ISERROR=1
        Assert.Equal("SYNTHETIC. Admission Date: [**2100-1-1**]\nDischarge Diagnosis: none.", notes[0].Text);
        Assert.Equal("SYNTHETIC. Pt \"comfortable\", HR 80, BP 120/80.\n\nPlan: continue.", notes[1].Text);
        Assert.Equal("Nursing", notes[1].Metadata["category"]);
        Assert.Equal(("4", "22", "Physician"), (notes[2].Id, notes[2].Metadata["hadm_id"], notes[2].Metadata["category"]));
        Assert.Equal(1, report.Count("notes flagged ISERROR=1 (excluded)"));
    }

    [Fact]
    public void Category_filter_is_trimmed_and_case_insensitive()
    {
        var report = new CorpusReadReport();

        var physician = Read(Csv, new MimicNoteFilter(["physician"]), report: report);
        var discharge = Read(Csv, MimicNoteFilter.DischargeSummaries);
        var withErrors = Read(Csv, new MimicNoteFilter(["Discharge summary"], IncludeErrorNotes: true));

        Assert.Equal("4", Assert.Single(physician).Id);
        Assert.Equal(23, report.Count("notes of other categories"));
        Assert.Equal(21, discharge.Count);
        Assert.Equal(22, withErrors.Count);
    }

    [Fact]
    public async Task Sample_is_reproducible_by_seed_and_independent_of_row_order()
    {
        var a = await MimicNoteEventsReader.SampleAsync(Csv, 5, seed: 13, MimicNoteFilter.DischargeSummaries);
        var b = await MimicNoteEventsReader.SampleAsync(Csv, 5, seed: 13, MimicNoteFilter.DischargeSummaries);
        var other = await MimicNoteEventsReader.SampleAsync(Csv, 5, seed: 14, MimicNoteFilter.DischargeSummaries);
        var larger = await MimicNoteEventsReader.SampleAsync(Csv, 8, seed: 13, MimicNoteFilter.DischargeSummaries);
        // Same rows in reverse order: the same sample.
        var all = Read(Csv, MimicNoteFilter.DischargeSummaries);
        var reversed = await MimicNoteEventsReader.SampleAsync(all.AsEnumerable().Reverse().ToAsyncEnumerable(), 5, seed: 13);

        Assert.Equal(5, a.Count);
        Assert.Equal(a.Select(d => d.Id), b.Select(d => d.Id));
        Assert.NotEqual(a.Select(d => d.Id), other.Select(d => d.Id));
        Assert.Subset(larger.Select(d => d.Id).ToHashSet(), a.Select(d => d.Id).ToHashSet());
        Assert.Equal(a.Select(d => d.Id), reversed.Select(d => d.Id));
        Assert.Equal(a.Select(d => int.Parse(d.Id)).Order(), a.Select(d => int.Parse(d.Id)));
    }

    [Fact]
    public async Task Gzipped_file_reads_like_the_plain_one()
    {
        var gz = Path.Combine(dir, "NOTEEVENTS.csv.gz");
        await using (var output = File.Create(gz))
        await using (var zip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        await using (var input = File.OpenRead(Csv))
            await input.CopyToAsync(zip);

        Assert.Equal(Read(Csv).Select(d => d.Text), Read(gz).Select(d => d.Text));
    }

    [Theory]
    [InlineData("ROW_ID,TEXT\n1,x\n", 1, "lacks column(s) SUBJECT_ID")]
    [InlineData("ROW_ID,SUBJECT_ID,HADM_ID,CHARTDATE,CHARTTIME,STORETIME,CATEGORY,DESCRIPTION,CGID,ISERROR,TEXT\n1,2,3,d,,,c,r,,,\"open\nnever closed\n", 2, "never closed")]
    [InlineData("ROW_ID,SUBJECT_ID,HADM_ID,CHARTDATE,CHARTTIME,STORETIME,CATEGORY,DESCRIPTION,CGID,ISERROR,TEXT\n1,2,3,d,,,c,r,,,\"a\"\n2,3,4,d,,c,r,,,\"b\"\n", 3, "10 fields but the header has 11")]
    public async Task Bad_csv_names_file_and_line(string content, int line, string expected)
    {
        var path = Path.Combine(dir, "NOTEEVENTS.csv");
        await File.WriteAllTextAsync(path, content);

        var ex = Assert.Throws<CorpusFormatException>(() => Read(path));

        Assert.Equal(path, ex.File);
        Assert.Equal(line, ex.Line);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Crlf_records_keep_crlf_inside_quotes_and_lines_count_through_multiline_text()
    {
        const string header = "ROW_ID,SUBJECT_ID,HADM_ID,CHARTDATE,CHARTTIME,STORETIME,CATEGORY,DESCRIPTION,CGID,ISERROR,TEXT\r\n";
        var content = header +
            "1,2,3,d,,,Nursing,r,,,\"line one\r\nline two\r\n\"\"three\"\"\"\r\n" +
            "2,2,3,d,,,Nursing,r,,\r\n" +            // line 5: one field short
            "3,2,3,d,,,Nursing,r,,,\"ok\"\r\n";
        var report = new CorpusReadReport();

        var notes = MimicNoteEventsReader.ReadAsync(new StringReader(content), "mem.csv", options: CorpusReadOptions.Lenient, report: report)
            .ToBlockingEnumerable().ToList();

        Assert.Equal(["1", "3"], notes.Select(n => n.Id));
        Assert.Equal("line one\r\nline two\r\n\"three\"", notes[0].Text);
        var warning = Assert.Single(report.Warnings);
        Assert.Equal(5, warning.Line);
        Assert.Contains("10 fields but the header has 11", warning.Message);
    }
}
