namespace Distill.Corpora;

/// <summary>
/// A document: its id, exact text, and mention spans with character offsets into that text.
/// Spans are kept sorted by (Start, End). Construction checks every span against the text, so a
/// corpus that loaded is a corpus whose offsets are right.
/// </summary>
public sealed record Document
{
    public Document(string id, string text, IEnumerable<EntitySpan>? spans = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(text);
        Id = id;
        Text = text;
        var sorted = (spans ?? []).OrderBy(s => s.Start).ThenBy(s => s.End).ThenBy(s => s.Type, StringComparer.Ordinal).ToArray();
        foreach (var span in sorted)
        {
            if (span.Start < 0 || span.End > text.Length || span.Start >= span.End)
                throw new InvalidDataException(
                    $"Document '{id}': span [{span.Start}, {span.End}) '{span.Text}' is outside the text (length {text.Length}) or empty.");
            if (!string.Equals(text.AsSpan(span.Start, span.Length).ToString(), span.Text, StringComparison.Ordinal))
                throw new InvalidDataException(
                    $"Document '{id}': span [{span.Start}, {span.End}) says '{span.Text}' but the text there is '{text.Substring(span.Start, span.Length)}'.");
        }
        Spans = sorted;
        Metadata = metadata ?? new Dictionary<string, string>();
    }

    public string Id { get; }
    public string Text { get; }
    public IReadOnlyList<EntitySpan> Spans { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The same document with other spans (e.g. a teacher's), checked like the original.</summary>
    public Document WithSpans(IEnumerable<EntitySpan> spans) => new(Id, Text, spans, Metadata);

    /// <summary>The spans of one entity type.</summary>
    public IEnumerable<EntitySpan> SpansOf(string type) => Spans.Where(s => s.Type == type);
}
