using System.IO.Compression;
using System.Text;
using Distill.Corpora;

namespace Distill.Tests.Corpora;

/// <summary>
/// Issue 15: invalid UTF-8 was silently replaced with U+FFFD ("Sj\uFFFDgren" in exports and cached spans). Every
/// reader now fails with file:line by default and reads Latin-1 only when asked to.
/// </summary>
public sealed class TextFileEncodingTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-encoding-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static readonly CorpusReadOptions Latin1 = new() { Encoding = Encoding.Latin1 };

    /// <summary>Writes <paramref name="text"/> as Latin-1: "ö" becomes the single byte 0xF6, which is not UTF-8.</summary>
    string WriteLatin1(string name, string text)
    {
        var path = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(text));
        return path;
    }

    static void AssertLocated(CorpusFormatException e, string path, int line)
    {
        Assert.StartsWith($"{path}:{line}: invalid UTF-8 byte 0xF6", e.Message);
        Assert.Contains("--encoding latin1", e.Message);
    }

    const string PubTator = "10001|t|Familial disease\n10001|a|A case.\n\n10002|t|Sjögren syndrome\n10002|a|Dry eyes.\n10002\t0\t16\tSjögren syndrome\tDiseaseClass\tD012859\n";

    [Fact]
    public void PubTator_names_file_and_line_and_reads_latin1_when_asked()
    {
        var path = WriteLatin1("ncbi.txt", PubTator);

        AssertLocated(Assert.Throws<CorpusFormatException>(() => PubTatorReader.Read(path)), path, 4);

        var docs = PubTatorReader.Read(path, Latin1);
        Assert.Equal("Sjögren syndrome", docs[1].Spans.Single().Text);
    }

    [Fact]
    public void Jsonl_names_file_and_line()
    {
        var path = WriteLatin1("train.jsonl", "{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\",\"text\":\"Sjögren\"}\n");

        AssertLocated(Assert.Throws<CorpusFormatException>(() => JsonlCorpusReader.Read(path)), path, 2);
        Assert.Equal("Sjögren", JsonlCorpusReader.Read(path, Latin1)[1].Text);
    }

    [Fact]
    public async Task Brat_text_and_annotations_are_decoded_strictly()
    {
        var txt = WriteLatin1("brat/n1.txt", "Line one.\nSjögren here.\n");
        var ann = Path.Combine(dir, "brat", "n1.ann");
        File.WriteAllText(ann, "T1\tReason 10 17\tSj?gren\n");

        AssertLocated(await Assert.ThrowsAsync<CorpusFormatException>(() => BratStandoffReader.ReadAsync(ann)), txt, 2);
    }

    [Fact]
    public void Conll_names_file_and_line()
    {
        var path = WriteLatin1("c.tsv", "Patient\tO\nhas\tO\nSjögren\tB-Disease\n");

        AssertLocated(Assert.Throws<CorpusFormatException>(() => ConllReader.Read(path)), path, 3);
    }

    [Fact]
    public void Mimic_notes_are_decoded_strictly_inside_the_gzip_stream()
    {
        var path = Path.Combine(dir, "NOTEEVENTS.csv.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gz.Write(Encoding.Latin1.GetBytes("ROW_ID,SUBJECT_ID,HADM_ID,CHARTDATE,CATEGORY,DESCRIPTION,ISERROR,TEXT\n1,2,3,2100-01-01,Discharge summary,Report,,\"Sjögren\"\n"));

        var e = Assert.Throws<CorpusFormatException>(() => MimicNoteEventsReader.ReadAsync(path).ToBlockingEnumerable().ToList());
        AssertLocated(e, path, 2);
    }

    [Fact]
    public void The_line_is_found_past_the_first_read_buffer()
    {
        // 5000 lines of 30 bytes: the bad byte lies ~150 KB in, several decoder buffers after the start.
        var lines = Enumerable.Range(1, 5000).Select(i => $"{{\"id\":\"d{i:D5}\",\"text\":\"fine\"}}").ToList();
        lines[4321] = "{\"id\":\"bad\",\"text\":\"Sjögren\"}";
        var path = WriteLatin1("long.jsonl", string.Join("\n", lines) + "\n");

        AssertLocated(Assert.Throws<CorpusFormatException>(() => JsonlCorpusReader.Read(path)), path, 4322);
    }

    [Fact]
    public void A_truncated_sequence_at_the_end_of_the_file_is_invalid_too()
    {
        var path = Path.Combine(dir, "cut.jsonl");
        File.WriteAllBytes(path, [.. "{\"id\":\"a\",\"text\":\"x\"}\n"u8, 0xC3]);

        var e = Assert.Throws<CorpusFormatException>(() => JsonlCorpusReader.Read(path));

        Assert.StartsWith($"{path}:2: invalid UTF-8 byte 0xC3", e.Message);
    }

    [Fact]
    public void Valid_utf8_with_a_byte_order_mark_reads_as_before()
    {
        var path = Path.Combine(dir, "bom.jsonl");
        File.WriteAllText(path, "{\"id\":\"a\",\"text\":\"Sjögren 😀\"}\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Equal("Sjögren 😀", JsonlCorpusReader.Read(path).Single().Text);
    }

    [Theory]
    [InlineData("utf-8", "utf-8")]
    [InlineData("latin1", "iso-8859-1")]
    [InlineData("ISO-8859-1", "iso-8859-1")]
    public void Encoding_names_parse(string name, string webName) => Assert.Equal(webName, TextFileEncoding.Parse(name).WebName);

    [Fact]
    public void An_unknown_encoding_name_is_refused() =>
        Assert.Contains("latin1", Assert.Throws<ArgumentException>(() => TextFileEncoding.Parse("ebcdic")).Message);
}
