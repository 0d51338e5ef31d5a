namespace Distill.Corpora;

/// <summary>A sentence: the half-open character range [Start, End) of a text, trimmed of surrounding whitespace.</summary>
public readonly record struct Sentence(int Start, int End, string Text)
{
    public int Length => End - Start;
}

/// <summary>Sentence splitter settings.</summary>
/// <param name="BreakAtNewline">
/// Whether every line break ends a sentence. Off by default: MIMIC notes are hard-wrapped, so a single
/// newline is usually not a boundary; a blank line always is.
/// </param>
public sealed record SentenceSplitterOptions(bool BreakAtNewline = false);

/// <summary>
/// Rule-based sentence splitter for clinical and biomedical text that keeps character offsets.
/// A sentence ends at a blank line, or after <c>.</c>, <c>!</c> or <c>?</c> (plus closing quotes or
/// brackets) followed by whitespace and then an upper-case letter, a digit or an opening bracket, except
/// after a known title/abbreviation (<c>Dr.</c>, <c>vs.</c>, <c>e.g.</c>), a dotted lower-case abbreviation
/// (<c>b.i.d.</c>, <c>p.o.</c>), a single-letter initial (<c>J. Smith</c>) or a list number at the start of
/// a line (<c>1. Diabetes</c>), and not between two numbers (<c>EC 1. 1. 1. 49</c>).
/// </summary>
public sealed class SentenceSplitter(SentenceSplitterOptions? options = null)
{
    public static SentenceSplitter Default { get; } = new();

    readonly SentenceSplitterOptions options = options ?? new SentenceSplitterOptions();

    // Lower-cased, without the final dot. Titles and Latin abbreviations that are followed by a capital or number.
    static readonly HashSet<string> NonTerminal = new(StringComparer.OrdinalIgnoreCase)
    {
        "dr", "mr", "mrs", "ms", "prof", "st", "vs", "etc", "e.g", "i.e", "cf", "al", "fig", "figs", "no", "nos", "approx",
        "ca", "vol", "pt", "pts", "hx", "dx", "rx", "sx", "tx", "min", "max", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec",
    };

    public IReadOnlyList<Sentence> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<Sentence>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n' && (options.BreakAtNewline || IsBlankLineAhead(text, i)))
            {
                Add(sentences, text, start, i);
                start = i + 1;
            }
            else if (c is '.' or '!' or '?')
            {
                var end = i + 1;
                while (end < text.Length && text[end] is '"' or '\'' or ')' or ']' or '\u201d') end++;
                if (end >= text.Length || !char.IsWhiteSpace(text[end])) continue;
                var next = end;
                while (next < text.Length && char.IsWhiteSpace(text[next])) next++;
                if (next >= text.Length) continue;
                var n = text[next];
                if (!(char.IsUpper(n) || char.IsDigit(n) || n is '(' or '[' or '"')) continue;
                if (c == '.' && IsNonTerminalDot(text, i)) continue;
                // "EC 1. 1. 1. 49" (enzyme numbers in NCBI abstracts): a number then a number is not a boundary.
                if (c == '.' && i > 0 && char.IsDigit(text[i - 1]) && char.IsDigit(n)) continue;
                Add(sentences, text, start, end);
                start = end;
                i = end - 1;
            }
        }
        Add(sentences, text, start, text.Length);
        return sentences;
    }

    static bool IsBlankLineAhead(string text, int newline)
    {
        for (var j = newline + 1; j < text.Length; j++)
        {
            if (text[j] == '\n') return true;
            if (!char.IsWhiteSpace(text[j])) return false;
        }
        return false;
    }

    static bool IsNonTerminalDot(string text, int dot)
    {
        var wordStart = dot;
        while (wordStart > 0 && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] is not ('(' or '[' or '"'))
            wordStart--;
        var word = text[wordStart..dot];
        if (word.Length == 0) return false;
        if (NonTerminal.Contains(word)) return true;
        if (word.Length == 1 && char.IsUpper(word[0])) return true;                      // J. Smith
        if (word.Contains('.') && word.All(ch => ch == '.' || char.IsLower(ch))) return true; // b.i.d.  p.o.
        if (word.All(char.IsDigit) && word.Length <= 2)
        {
            var lineStart = wordStart;                                                    // "1. Diabetes" at a line start
            while (lineStart > 0 && text[lineStart - 1] is ' ' or '\t') lineStart--;
            return lineStart == 0 || text[lineStart - 1] == '\n';
        }
        return false;
    }

    static void Add(List<Sentence> sentences, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start)
            sentences.Add(new Sentence(start, end, text[start..end]));
    }
}
