using Distill.Corpora;

namespace Distill.Tests.Evaluation;

/// <summary>Builds small test documents from text and (substring, type) pairs, or from BIO tag sequences.</summary>
internal static class DocumentBuilder
{
    /// <summary>A document whose spans are the first occurrence at or after the previous span of each quoted substring.</summary>
    public static Document Doc(string id, string text, params (string Surface, string Type)[] mentions)
    {
        var spans = new List<EntitySpan>();
        foreach (var (surface, type) in mentions)
        {
            var start = text.IndexOf(surface, StringComparison.Ordinal);
            if (start < 0) throw new ArgumentException($"'{surface}' is not in '{text}'.");
            spans.Add(new EntitySpan(start, start + surface.Length, type, surface));
        }
        return new Document(id, text, spans);
    }

    /// <summary>A document from a span list given as (start, end, type).</summary>
    public static Document DocAt(string id, string text, params (int Start, int End, string Type)[] spans) =>
        new(id, text, spans.Select(s => new EntitySpan(s.Start, s.End, s.Type, text[s.Start..s.End])));

    /// <summary>
    /// A document from BIO tags in seqeval's default (conlleval) reading: a chunk starts at B-X, or at I-X
    /// after O or after another type. Tokens are written "w0 w1 ...", which our tokenizer splits back into
    /// exactly these tokens, so token-level and entity-level scores line up with the tag sequences.
    /// </summary>
    public static Document FromBio(string id, IReadOnlyList<string> tags)
    {
        var words = tags.Select((_, i) => $"w{i}").ToArray();
        var text = string.Join(' ', words);
        var starts = new int[words.Length];
        for (int i = 0, pos = 0; i < words.Length; pos += words[i].Length + 1, i++) starts[i] = pos;
        var spans = new List<EntitySpan>();
        string? type = null;
        var chunkStart = -1;
        void Close(int lastToken)
        {
            if (type is null) return;
            var start = starts[chunkStart];
            var end = starts[lastToken] + words[lastToken].Length;
            spans.Add(new EntitySpan(start, end, type, text[start..end]));
            type = null;
        }
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            if (tag == "O") { Close(i - 1); continue; }
            var prefix = tag[..2];
            var t = tag[2..];
            if (prefix == "B-" || type != t)
            {
                Close(i - 1);
                type = t;
                chunkStart = i;
            }
        }
        Close(tags.Count - 1);
        return new Document(id, text, spans);
    }
}
