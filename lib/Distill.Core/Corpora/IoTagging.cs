namespace Distill.Corpora;

/// <summary>
/// IO tagging, the reference study's scheme: each token is "O" or the entity type it lies in.
/// A token is inside a span when the two share at least one character; a token inside spans of two
/// types takes the type of the longest span (ties: the earlier, then alphabetical type).
/// So a span whose boundary falls inside a token grows to that token's edge, and of overlapping or
/// nested spans the longest wins on the shared tokens; two same-type spans with no token between them
/// decode as one. <see cref="SpanAlignment"/> counts each of these cases for a corpus.
/// </summary>
internal static class IoTagging
{
    public const string Outside = "O";

    /// <summary>One tag per token: "O" or an entity type.</summary>
    public static string[] Encode(IReadOnlyList<Token> tokens, IEnumerable<EntitySpan> spans)
    {
        var chosen = AssignSpans(tokens, spans);
        var tags = new string[tokens.Count];
        for (var i = 0; i < tags.Length; i++)
            tags[i] = chosen[i]?.Type ?? Outside;
        return tags;
    }

    /// <summary>
    /// The span each token is tagged with (null: outside every span), by the policy above. Shared with
    /// <see cref="BioTagging"/> so both schemes resolve overlaps the same way.
    /// </summary>
    internal static EntitySpan?[] AssignSpans(IReadOnlyList<Token> tokens, IEnumerable<EntitySpan> spans)
    {
        var chosen = new EntitySpan?[tokens.Count];
        var starts = tokens.Select(t => t.Start).ToArray();
        foreach (var span in spans)
        {
            // First token whose end is after span.Start: binary search on starts, then step back one.
            var i = Array.BinarySearch(starts, span.Start);
            if (i < 0) i = Math.Max(0, ~i - 1);
            for (; i < tokens.Count && tokens[i].Start < span.End; i++)
            {
                if (tokens[i].End <= span.Start) continue;
                if (chosen[i] is { } prev && !Prefer(span, prev)) continue;
                chosen[i] = span;
            }
        }
        return chosen;
    }

    /// <summary>Spans from IO tags: each maximal run of tokens with the same type becomes one span.</summary>
    public static List<EntitySpan> Decode(string text, IReadOnlyList<Token> tokens, IReadOnlyList<string> tags)
    {
        if (tokens.Count != tags.Count)
            throw new ArgumentException($"{tokens.Count} tokens but {tags.Count} tags.");
        var spans = new List<EntitySpan>();
        var i = 0;
        while (i < tags.Count)
        {
            if (tags[i] == Outside) { i++; continue; }
            var j = i;
            while (j + 1 < tags.Count && tags[j + 1] == tags[i]) j++;
            var start = tokens[i].Start;
            var end = tokens[j].End;
            spans.Add(new EntitySpan(start, end, tags[i], text[start..end]));
            i = j + 1;
        }
        return spans;
    }

    static bool Prefer(EntitySpan candidate, EntitySpan current) =>
        candidate.Length != current.Length
            ? candidate.Length > current.Length
            : candidate.Start != current.Start
                ? candidate.Start < current.Start
                : string.CompareOrdinal(candidate.Type, current.Type) < 0;
}
