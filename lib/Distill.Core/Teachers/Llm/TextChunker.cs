namespace Distill.Teachers.Llm;

/// <summary>A piece of a note and where it starts in the note.</summary>
internal sealed record TextChunk(int Offset, string Text);

/// <summary>
/// Splits long notes into pieces of at most <c>maxChars</c> characters so each prompt fits the model's
/// context. Cuts prefer a blank line, then a line end, then a sentence end, then a space, in the last half
/// of the window, so a mention is rarely cut in two. Offsets are kept so spans map back to the whole note.
/// </summary>
internal static class TextChunker
{
    public static IReadOnlyList<TextChunk> Split(string text, int maxChars)
    {
        if (maxChars < 16) throw new ArgumentOutOfRangeException(nameof(maxChars), maxChars, "a chunk must allow at least 16 characters");
        var chunks = new List<TextChunk>();
        var start = 0;
        while (text.Length - start > maxChars)
        {
            var window = text.AsSpan(start, maxChars);
            var cut = LastCut(window, "\n\n") ?? LastCut(window, "\n") ?? LastCut(window, ". ") ?? LastCut(window, " ") ?? maxChars;
            chunks.Add(new TextChunk(start, text.Substring(start, cut)));
            start += cut;
        }
        if (start < text.Length || chunks.Count == 0) chunks.Add(new TextChunk(start, text[start..]));
        return chunks;

        int? LastCut(ReadOnlySpan<char> window, string separator)
        {
            var at = window.LastIndexOf(separator.AsSpan());
            return at >= window.Length / 2 ? at + separator.Length : null;
        }
    }
}
