using Distill.Corpora;

namespace Distill.Tests.Corpora;

public sealed class JsonlCorpusTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-jsonl-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task An_empty_split_file_is_an_error_naming_it_unless_empty_is_allowed()
    {
        // Issue 15: an empty corpus file went through every stage as "0 documents" and exited 0.
        File.WriteAllText(Path.Combine(dir, "train.jsonl"), """{"id":"a","text":"x"}""" + "\n");
        File.WriteAllText(Path.Combine(dir, "dev.jsonl"), "\n \n");
        var e = await Assert.ThrowsAsync<CorpusFormatException>(() => JsonlCorpusReader.ReadCorpusAsync(dir));
        Assert.Equal(Path.Combine(dir, "dev.jsonl"), e.File);
        Assert.Contains("holds no documents; pass --allow-empty", e.Message);

        // Lenient mode that skipped every document is the same error, worded for it.
        File.WriteAllText(Path.Combine(dir, "dev.jsonl"), "not json\n");
        var lenient = await Assert.ThrowsAsync<CorpusFormatException>(() => JsonlCorpusReader.ReadCorpusAsync(dir, options: CorpusReadOptions.Lenient));
        Assert.Contains("every document skipped", lenient.Message);

        var corpus = await JsonlCorpusReader.ReadCorpusAsync(dir, options: CorpusReadOptions.Lenient with { AllowEmpty = true });
        Assert.Empty(corpus.Split("dev"));
        Assert.Single(corpus.Split("train"));
    }

    [Fact]
    public void Serialize_writes_the_contract_exactly()
    {
        var doc = new Document("d1", "Na+ \"low\" in café", [
            new EntitySpan(0, 3, "symptom", "Na+") { SourceType = "Finding" },
            new EntitySpan(13, 17, "medication", "café") { SourceId = "T3" },
        ], new Dictionary<string, string> { ["split"] = "train", ["a"] = "1" });

        var line = JsonlCorpusWriter.Serialize(doc);

        Assert.Equal(
            """{"id":"d1","text":"Na+ \"low\" in café","spans":[{"start":0,"end":3,"type":"symptom","text":"Na+","source_type":"Finding"},{"start":13,"end":17,"type":"medication","text":"café","source_id":"T3"}],"metadata":{"a":"1","split":"train"}}""",
            line);
    }

    [Fact]
    public async Task Ncbi_corpus_round_trips_through_jsonl_unchanged()
    {
        var corpus = NcbiDiseaseCorpusTests.Shipped;

        await JsonlCorpusWriter.WriteCorpusAsync(corpus, dir);
        var back = await JsonlCorpusReader.ReadCorpusAsync(dir, "ncbi-disease");

        Assert.Equal(["dev", "test", "train"], back.Splits.Keys.Order());
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        foreach (var (split, docs) in corpus.Splits)
        {
            var read = back.Split(split);
            Assert.Equal(docs.Count, read.Count);
            for (var i = 0; i < docs.Count; i++)
            {
                Assert.Equal(docs[i].Id, read[i].Id);
                Assert.Equal(docs[i].Text, read[i].Text);
                Assert.Equal(docs[i].Spans, read[i].Spans);
                Assert.Equal(docs[i].Metadata.OrderBy(kv => kv.Key), read[i].Metadata.OrderBy(kv => kv.Key));
            }
        }
    }

    [Theory]
    [InlineData("""{"id":"a","text":"abc","spans":[]}""" + "\n" + """{"id":"b","text":"abc","spans":[{"start":1,"end":9,"type":"x"}]}""", 2, "outside the text")]
    [InlineData("""{"id":"a","text":"abc","spans":[{"start":0,"end":2,"type":"x","text":"bc"}]}""", 1, "says 'bc' but the text there is 'ab'")]
    [InlineData("\n\n{\"id\":\"a\",\"text\":", 3, "not valid JSON")]
    [InlineData("""{"text":"abc"}""", 1, "'id' must be a non-empty string")]
    [InlineData("""{"id":"a","text":"x"}""" + "\n" + """{"id":"a","text":"y"}""", 2, "already used on line 1")]
    [InlineData("""{"id":"a","text":"abc","spans":[{"start":"0","end":2,"type":"x"}]}""", 1, "integer 'start'")]
    public async Task Bad_lines_name_file_and_line(string content, int line, string expected)
    {
        var path = Path.Combine(dir, "bad.jsonl");
        await File.WriteAllTextAsync(path, content);

        var ex = Assert.Throws<CorpusFormatException>(() => JsonlCorpusReader.Read(path));

        Assert.Equal(path, ex.File);
        Assert.Equal(line, ex.Line);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Lenient_mode_skips_and_counts_bad_spans_and_lines()
    {
        const string content =
            """{"id":"a","text":"abc","spans":[{"start":0,"end":1,"type":"x"},{"start":2,"end":7,"type":"x"}],"metadata":{"n":3}}""" + "\n" +
            "not json\n";
        var report = new CorpusReadReport();

        var docs = JsonlCorpusReader.ReadAsync(new StringReader(content), "mem.jsonl", CorpusReadOptions.Lenient, report)
            .ToBlockingEnumerable().ToList();

        var doc = Assert.Single(docs);
        var span = Assert.Single(doc.Spans);
        Assert.Equal("a", span.Text); // filled in from the document when absent
        Assert.Equal("3", doc.Metadata["n"]);
        Assert.Equal(2, report.WarningCount);
        Assert.Equal([1, 2], report.Warnings.Select(w => w.Line ?? 0));
    }

    [Fact]
    public void Label_map_applies_and_keeps_the_source_type()
    {
        const string content = """{"id":"a","text":"aspirin","spans":[{"start":0,"end":7,"type":"Drug"}]}""";
        var options = new CorpusReadOptions(LabelMap: LabelMap.N2c2Medication);

        var doc = JsonlCorpusReader.ReadAsync(new StringReader(content), "m", options).ToBlockingEnumerable().Single();

        Assert.Equal("medication", doc.Spans[0].Type);
        Assert.Equal("Drug", doc.Spans[0].SourceType);
    }

    [Fact]
    public async Task Writer_replaces_an_existing_file_whole()
    {
        var path = Path.Combine(dir, "out.jsonl");
        await File.WriteAllTextAsync(path, "old content that is longer than the new one\n".PadRight(5000, 'x'));

        await JsonlCorpusWriter.WriteAsync(path, [new Document("only", "text")]);

        Assert.Equal("""{"id":"only","text":"text","spans":[],"metadata":{}}""" + "\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Every_reader_exports_to_jsonl_and_reads_back_unchanged()
    {
        var docs = new List<Document>();
        docs.AddRange(BratStandoffReader.ReadDocuments(CorpusTestData.Path("n2c2-2018-track2"), new CorpusReadOptions(LabelMap: LabelMap.Identity)));
        docs.AddRange(AdeCorpusReader.Read(CorpusTestData.Path("ade-corpus-v2")).Select(s => s.Document));
        docs.AddRange(ConllReader.Read(CorpusTestData.Path("conll", "bio.tsv")).Concat(ConllReader.Read(CorpusTestData.Path("conll", "io.txt"))));
        docs.AddRange(MimicNoteEventsReader.ReadAsync(CorpusTestData.Path("mimic-iii", "NOTEEVENTS.csv")).ToBlockingEnumerable());
        docs.AddRange(N2c2Track1Reader.ReadDirectoryAsync(CorpusTestData.Path("n2c2-2018-track1")).ToBlockingEnumerable().Select(p => p.Document));
        docs.AddRange(NcbiDiseaseCorpusTests.Shipped.Split(SplitNames.Dev).Take(5));
        var path = Path.Combine(dir, "all.jsonl");

        await JsonlCorpusWriter.WriteAsync(path, docs);
        var back = JsonlCorpusReader.Read(path);

        Assert.Equal(docs.Count, back.Count);
        for (var i = 0; i < docs.Count; i++)
        {
            Assert.Equal((docs[i].Id, docs[i].Text), (back[i].Id, back[i].Text));
            Assert.Equal(docs[i].Spans, back[i].Spans); // record equality: offsets, type, text, source type and id
            Assert.Equal(docs[i].Metadata.OrderBy(kv => kv.Key), back[i].Metadata.OrderBy(kv => kv.Key));
        }
        Assert.Contains(back, d => d.Text.Contains("\r\n")); // CRLF note text survives
    }
}
