namespace Distill.Corpora;

/// <summary>
/// A mention: the half-open character range [<paramref name="Start"/>, <paramref name="End"/>) of a
/// document's text, its entity type, and the text it covers (kept so every reader can check that
/// offsets and text agree).
/// </summary>
/// <param name="Start">First character, 0-based.</param>
/// <param name="End">One past the last character.</param>
/// <param name="Type">Entity type after the dataset's label map (see <see cref="EntityTypes"/>).</param>
/// <param name="Text">The covered text, equal to <c>document.Text[Start..End]</c>.</param>
public sealed record EntitySpan(int Start, int End, string Type, string Text)
{
    /// <summary>The type in the source corpus before mapping (e.g. n2c2 "Drug"), when it differed.</summary>
    public string? SourceType { get; init; }

    /// <summary>The source's identifier for the mention (e.g. BRAT "T3"), when it has one.</summary>
    public string? SourceId { get; init; }

    public int Length => End - Start;

    /// <summary>Whether the two spans share at least one character.</summary>
    public bool Overlaps(EntitySpan other) => Start < other.End && other.Start < End;
}
