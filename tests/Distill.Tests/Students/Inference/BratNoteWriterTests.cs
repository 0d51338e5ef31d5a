using Distill.Corpora;
using Distill.Students.Inference;

namespace Distill.Tests.Students.Inference;

public sealed class BratNoteWriterTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-brat-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Two_notes_of_one_id_get_two_pairs_and_the_second_is_listed_as_renamed()
    {
        // Issue 15: `predict --format brat` with two notes of the same id wrote one .txt/.ann pair (the second overwrote the first).
        var writer = new BratNoteWriter(dir);
        Assert.Equal("n1", await writer.WriteAsync(new Document("n1", "takes aspirin", [new EntitySpan(6, 13, "medication", "aspirin")])));
        Assert.Equal("n1-2", await writer.WriteAsync(new Document("n1", "no drugs", [])));
        Assert.Equal("n1-2-2", await writer.WriteAsync(new Document("n1-2", "a note whose id is the suffixed name", [])));

        Assert.Equal(["n1-2-2.ann", "n1-2-2.txt", "n1-2.ann", "n1-2.txt", "n1.ann", "n1.txt"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("takes aspirin", await File.ReadAllTextAsync(Path.Combine(dir, "n1.txt")));
        Assert.Equal("no drugs", await File.ReadAllTextAsync(Path.Combine(dir, "n1-2.txt")));
        Assert.Equal([("n1", "n1-2"), ("n1-2", "n1-2-2")], writer.Renamed);
        // What it wrote reads back as BRAT, one document per note.
        Assert.Equal(3, BratStandoffReader.ReadDocuments(dir, new CorpusReadOptions { LabelMap = LabelMap.Identity }).Count);
    }

    [Fact]
    public async Task Ids_that_are_not_file_names_are_made_safe_and_nothing_but_the_pair_is_left_behind()
    {
        var writer = new BratNoteWriter(dir);
        Assert.Equal("a_b", await writer.WriteAsync(new Document("a/b", "x", [])));
        Assert.Equal("_..", await writer.WriteAsync(new Document("..", "y", [])));
        // Written through temporary siblings renamed into place (AtomicFile): no .tmp file remains.
        Assert.Equal(["_...ann", "_...txt", "a_b.ann", "a_b.txt"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(writer.Renamed);
    }
}
