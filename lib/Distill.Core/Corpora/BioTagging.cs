namespace Distill.Corpora;

/// <summary>
/// BIO tagging: <c>B-type</c> on a span's first token, <c>I-type</c> on the rest, <c>O</c> outside.
/// Tokens are assigned to spans exactly as in <see cref="IoTagging"/> (overlap: longest span wins), so the
/// two schemes differ only where IO cannot mark a boundary: adjacent same-type spans stay apart here.
/// </summary>
internal static class BioTagging
{
    public const string Outside = IoTagging.Outside;
    public const string BeginPrefix = "B-";
    public const string InsidePrefix = "I-";

    public static string[] Encode(IReadOnlyList<Token> tokens, IEnumerable<EntitySpan> spans)
    {
        var chosen = IoTagging.AssignSpans(tokens, spans);
        var tags = new string[tokens.Count];
        for (var i = 0; i < tags.Length; i++)
            tags[i] = chosen[i] is not { } span ? Outside
                : i > 0 && ReferenceEquals(chosen[i - 1], span) ? InsidePrefix + span.Type
                : BeginPrefix + span.Type;
        return tags;
    }

    /// <summary>
    /// Spans from BIO tags. An <c>I-</c> tag that does not continue a span of its type starts one (the
    /// usual conlleval reading), so no tagged token is lost. Any other tag is a clear error.
    /// </summary>
    public static List<EntitySpan> Decode(string text, IReadOnlyList<Token> tokens, IReadOnlyList<string> tags)
    {
        if (tokens.Count != tags.Count)
            throw new ArgumentException($"{tokens.Count} tokens but {tags.Count} tags.");
        var spans = new List<EntitySpan>();
        string? openType = null;
        var openStart = 0;
        var openEnd = 0;
        for (var i = 0; i < tags.Count; i++)
        {
            var (kind, type) = ParseTag(tags[i], i);
            if (kind == 'I' && openType == type)
            {
                openEnd = tokens[i].End;
                continue;
            }
            Close();
            if (kind != 'O')
            {
                openType = type;
                openStart = tokens[i].Start;
                openEnd = tokens[i].End;
            }
        }
        Close();
        return spans;

        void Close()
        {
            if (openType is null) return;
            spans.Add(new EntitySpan(openStart, openEnd, openType, text[openStart..openEnd]));
            openType = null;
        }
    }

    /// <summary>Splits a BIO tag into its kind ('B', 'I' or 'O') and type.</summary>
    public static (char Kind, string? Type) ParseTag(string tag, int position = -1)
    {
        if (tag == Outside) return ('O', null);
        if (tag.Length > 2 && (tag.StartsWith(BeginPrefix, StringComparison.Ordinal) || tag.StartsWith(InsidePrefix, StringComparison.Ordinal)))
            return (tag[0], tag[2..]);
        throw new FormatException($"Tag '{tag}'{(position >= 0 ? $" at token {position}" : "")} is not a BIO tag (expected 'O', 'B-type' or 'I-type').");
    }
}
