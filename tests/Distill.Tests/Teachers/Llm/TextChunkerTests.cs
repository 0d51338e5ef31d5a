using Distill.Teachers.Llm;

namespace Distill.Tests.Teachers.Llm;

public class TextChunkerTests
{
    [Fact]
    public void Chunks_cover_the_text_exactly_and_respect_the_limit()
    {
        var text = string.Join("\n", Enumerable.Range(0, 200).Select(i => $"Line {i}. The patient reports pain number {i}."));
        var chunks = TextChunker.Split(text, 500);
        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.InRange(c.Text.Length, 1, 500));
        Assert.Equal(text, string.Concat(chunks.Select(c => c.Text)));
        Assert.All(chunks, c => Assert.Equal(text.Substring(c.Offset, c.Text.Length), c.Text));
        Assert.All(chunks.SkipLast(1), c => Assert.EndsWith("\n", c.Text)); // cut at line ends
    }

    [Fact]
    public void A_short_text_is_one_chunk()
    {
        Assert.Equal([new TextChunk(0, "short")], TextChunker.Split("short", 100));
        Assert.Equal([new TextChunk(0, "")], TextChunker.Split("", 100));
    }
}
