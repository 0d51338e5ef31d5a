using Distill.Corpora;
using Distill.Students.Inference;

namespace Distill.Tests.Students.Inference;

public sealed class NoteFilesTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-notes-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Reads_a_folder_of_text_notes_and_a_jsonl_file()
    {
        await File.WriteAllTextAsync(Path.Combine(dir, "b.txt"), "second");
        await File.WriteAllTextAsync(Path.Combine(dir, "a.txt"), "first\nnote");
        var folder = await NoteFiles.ReadAsync(dir).ToListAsync();
        Assert.Equal([new Note("a", "first\nnote"), new Note("b", "second")], folder);

        var jsonl = Path.Combine(dir, "notes.jsonl");
        await File.WriteAllTextAsync(jsonl, "{\"id\":\"n1\",\"text\":\"x\"}\n\n{\"id\":\"n2\"}\n");
        var e = await Assert.ThrowsAsync<InvalidDataException>(async () => await NoteFiles.ReadAsync(jsonl).ToListAsync());
        Assert.Contains("notes.jsonl:3: field 'text'", e.Message);
    }

    [Fact]
    public async Task A_note_that_is_not_utf8_fails_with_file_and_line_unless_latin1_is_asked_for()
    {
        var txt = Path.Combine(dir, "n1.txt");
        await File.WriteAllBytesAsync(txt, System.Text.Encoding.Latin1.GetBytes("History:\nSjögren syndrome."));
        var e = await Assert.ThrowsAsync<CorpusFormatException>(async () => await NoteFiles.ReadAsync(txt).ToListAsync());
        Assert.StartsWith($"{txt}:2: invalid UTF-8 byte 0xF6", e.Message);
        Assert.Equal("History:\nSjögren syndrome.", (await NoteFiles.ReadAsync(txt, System.Text.Encoding.Latin1).SingleAsync()).Text);

        var jsonl = Path.Combine(dir, "notes.jsonl");
        await File.WriteAllBytesAsync(jsonl, System.Text.Encoding.Latin1.GetBytes("{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\",\"text\":\"Sjögren\"}\n"));
        var j = await Assert.ThrowsAsync<CorpusFormatException>(async () => await NoteFiles.ReadAsync(jsonl).ToListAsync());
        Assert.StartsWith($"{jsonl}:2: invalid UTF-8", j.Message);
    }

    [Theory]
    [InlineData("[1,2]", "got a JSON array")]
    [InlineData("\"text\"", "got a JSON string")]
    [InlineData("null", "got a JSON null")]
    public async Task A_jsonl_line_that_is_not_an_object_names_file_and_line(string line, string expected)
    {
        var jsonl = Path.Combine(dir, "notes.jsonl");
        await File.WriteAllTextAsync(jsonl, "{\"id\":\"n1\",\"text\":\"x\"}\n" + line + "\n");
        var e = await Assert.ThrowsAsync<InvalidDataException>(async () => await NoteFiles.ReadAsync(jsonl).ToListAsync());
        Assert.Contains($"notes.jsonl:2: expected a JSON object", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public async Task Writes_BRAT_standoff_with_offsets_into_the_text()
    {
        var doc = new Document("n1", "takes aspirin", [new EntitySpan(6, 13, "medication", "aspirin")]);
        await new BratNoteWriter(dir).WriteAsync(doc);
        Assert.Equal("T1\tmedication 6 13\taspirin\n", await File.ReadAllTextAsync(Path.Combine(dir, "n1.ann")));
        Assert.Equal("takes aspirin", await File.ReadAllTextAsync(Path.Combine(dir, "n1.txt")));
        Assert.Contains("\"spans\":[{\"start\":6,\"end\":13,\"type\":\"medication\",\"text\":\"aspirin\"}]", NoteFiles.ToJsonLine(doc));
    }

    [Fact]
    public void Latency_percentiles_use_nearest_rank()
    {
        var summary = LatencySummary.From([0.010, 0.020, 0.030, 0.040, 0.100], totalSeconds: 0.5);
        Assert.Equal(30, summary.P50Milliseconds, 6);
        Assert.Equal(100, summary.P95Milliseconds, 6);
        Assert.Equal(10, summary.NotesPerSecond, 6);
    }
}
