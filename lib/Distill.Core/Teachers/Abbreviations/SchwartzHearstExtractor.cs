using Distill.Corpora;

namespace Distill.Teachers.Abbreviations;

/// <summary>
/// Abbreviation definitions by Schwartz and Hearst, "A simple algorithm for identifying abbreviation definitions
/// in biomedical text", PSB 2003, following the paper and the authors' reference implementation
/// (<c>ExtractAbbrev.java</c>):
/// <list type="number">
/// <item>Candidates are "long form (short form)" and "short form (long form)" inside one sentence. The text in
/// parentheses, cut at its first ", " or "; ", is the short form; if it has more than two words or is longer
/// than the text before it, it is the long form instead and the word before the parenthesis is the short form
/// (which must then contain a capital).</item>
/// <item>A short form has 2 to 10 characters, at least one letter, and starts with a letter or digit (or "(").</item>
/// <item>The long form candidate is the text before the parenthesis, back to the last ". " or ", " (or the previous
/// ")") in the sentence. The long form is found by matching the short form's letters and digits right to left,
/// case-insensitively, each at or before the previous match; the first character must begin a word
/// (<see cref="FindBestLongForm"/>). So "heat shock transcription factor (HSF)": F in "factor", S inside
/// "transcription", H at the start of "heat".</item>
/// <item>The pair is dropped if the long form is shorter than the short form, contains the short form as a word or
/// ends with it, or has more than min(|SF| + 5, 2·|SF|) words (|SF| = letters and digits of the short form;
/// words split at spaces and hyphens), or the short form has more than 10 letters and digits.</item>
/// </list>
/// </summary>
internal static class SchwartzHearstExtractor
{
    /// <summary>Definitions in <paramref name="text"/>, in text order, sentence by sentence.</summary>
    public static IReadOnlyList<AbbreviationDefinition> Extract(string text, SentenceSplitter? sentences = null)
    {
        var found = new List<AbbreviationDefinition>();
        foreach (var sentence in (sentences ?? SentenceSplitter.Default).Split(text))
            ExtractFromSentence(sentence.Text, sentence.Start, found);
        return found;
    }

    static void ExtractFromSentence(string s, int offset, List<AbbreviationDefinition> found)
    {
        var from = 0; // the text before this index is spent: a long form never reaches back across a ")"
        while (true)
        {
            var space = s.IndexOf(" (", from, StringComparison.Ordinal);
            if (space < 0) return;
            var open = space + 1;
            var close = s.IndexOf(')', open);
            if (close < 0) return;
            // One nested level, as in the reference code: "(GAP (guanosine triphosphatase-activating protein))".
            if (s.AsSpan(open + 1, close - open - 1).Contains('(') && s.IndexOf(')', close + 1) is var outer and > 0) close = outer;
            var boundary = Math.Max(s.LastIndexOf(". ", open, StringComparison.Ordinal), s.LastIndexOf(", ", open, StringComparison.Ordinal));
            var clauseStart = Math.Min(Math.Max(from, boundary < 0 ? 0 : boundary + 2), space);
            var longCandidate = s[clauseStart..space];
            var inner = s[(open + 1)..close];
            var innerCut = CutAtSeparator(inner);
            if (innerCut.Length > 1 && longCandidate.Length > 1)
            {
                if (WordCount(innerCut) > 2 || innerCut.Length > longCandidate.Length)
                {
                    // "short form (long form)": the word before the parenthesis is the short form.
                    var wordStart = s.LastIndexOf(' ', Math.Max(space - 1, 0)) + 1;
                    if (wordStart < from) wordStart = from;
                    var shortForm = s[wordStart..space];
                    if (shortForm.Any(char.IsUpper) && IsValidShortForm(shortForm))
                        TryPair(shortForm, offset + wordStart, innerCut, offset + open + 1, found);
                }
                else
                {
                    var lead = innerCut.Length - innerCut.TrimStart().Length;
                    var shortForm = innerCut.Trim();
                    if (IsValidShortForm(shortForm))
                        TryPair(shortForm, offset + open + 1 + lead, longCandidate, offset + clauseStart, found);
                }
            }
            from = close + 1;
        }
    }

    /// <summary>The text before the first ", " or "; " (a parenthesis may add remarks: "(HSF; see below)").</summary>
    static string CutAtSeparator(string inner)
    {
        var comma = inner.IndexOf(", ", StringComparison.Ordinal);
        if (comma >= 0) inner = inner[..comma];
        var semicolon = inner.IndexOf("; ", StringComparison.Ordinal);
        return semicolon >= 0 ? inner[..semicolon] : inner;
    }

    static void TryPair(string shortForm, int shortStart, string longCandidate, int longCandidateStart, List<AbbreviationDefinition> found)
    {
        var lead = longCandidate.Length - longCandidate.TrimStart().Length;
        var trimmed = longCandidate.Trim();
        if (FindBestLongForm(shortForm, trimmed) is not { } longForm) return;
        var letters = shortForm.Count(char.IsLetterOrDigit);
        var words = longForm.Split([' ', '\t', '\n', '\r', '\f', '-'], StringSplitOptions.RemoveEmptyEntries).Length;
        if (longForm.Length < shortForm.Length
            || longForm.Contains(shortForm + " ", StringComparison.Ordinal)
            || longForm.EndsWith(shortForm, StringComparison.Ordinal)
            || words > 2 * letters
            || words > letters + 5
            || letters > 10)
            return;
        found.Add(new AbbreviationDefinition(shortForm, shortStart, longForm, longCandidateStart + lead + (trimmed.Length - longForm.Length)));
    }

    /// <summary>Short form rules: 2 to 10 characters, a letter, and a letter, digit or "(" first.</summary>
    public static bool IsValidShortForm(string shortForm) =>
        shortForm.Length is >= 2 and <= 10 && shortForm.Any(char.IsLetter) && (char.IsLetterOrDigit(shortForm[0]) || shortForm[0] == '(');

    /// <summary>
    /// The shortest suffix of <paramref name="longCandidate"/>, starting at a word, that contains the short form's
    /// letters and digits in order, matched right to left, the first one at the start of a word; null if none.
    /// </summary>
    public static string? FindBestLongForm(string shortForm, string longCandidate)
    {
        var l = longCandidate.Length - 1;
        for (var s = shortForm.Length - 1; s >= 0; s--)
        {
            var c = char.ToLowerInvariant(shortForm[s]);
            if (!char.IsLetterOrDigit(c)) continue;
            while ((l >= 0 && char.ToLowerInvariant(longCandidate[l]) != c)
                   || (s == 0 && l > 0 && char.IsLetterOrDigit(longCandidate[l - 1])))
                l--;
            if (l < 0) return null;
            l--;
        }
        var start = l < 0 ? 0 : longCandidate.LastIndexOf(' ', l) + 1;
        return longCandidate[start..];
    }

    static int WordCount(string text) => text.Split([' ', '\t', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries).Length;
}
