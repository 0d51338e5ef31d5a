using System.Text.RegularExpressions;

namespace Distill.Corpora;

/// <summary>Splits text into word tokens that keep their character offsets.</summary>
public interface IWordTokenizer
{
    IReadOnlyList<Token> Tokenize(string text);
}

/// <summary>
/// Word tokenizer for clinical text. Tokens are the unit of the reference study's token-level
/// metric and of IO tagging, so the rules aim at boundaries where mentions start and end:
/// <list type="bullet">
/// <item>dotted abbreviations stay whole: <c>b.i.d.</c>, <c>e.g.</c>, <c>q.d.</c></item>
/// <item>letter-digit codes stay whole: <c>q6h</c>, <c>B12</c>, <c>BRCA1</c>; an ion's charge stays attached: <c>Na+</c>, <c>Cl-</c>, <c>Ca2+</c></item>
/// <item>dates and clock times stay whole: <c>2/14/2019</c>, <c>2019-02-14</c>, <c>10:30</c>; decimals stay whole: <c>0.5</c>, <c>1,000</c></item>
/// <item>a number and its unit are split: <c>10mg</c> → <c>10</c> <c>mg</c> (a strength is not part of a drug name)</item>
/// <item>hyphens and slashes are tokens of their own: <c>x-ray</c> → <c>x</c> <c>-</c> <c>ray</c>, <c>and/or</c> → three tokens,
/// because mentions often end at them (<c>BRCA1-associated</c>, <c>HIV/AIDS</c>)</item>
/// <item>every other non-space character is a one-character token; whitespace and newlines separate.</item>
/// </list>
/// A "character" is a whole code point with the combining marks that follow it: a surrogate pair (emoji,
/// letters outside the BMP) is never cut in two, since a lone half is not valid text and the word-piece
/// tokenizer's normalisation throws on it (issue 15: "pain 😀" crashed predict). Combining marks stay on
/// the word they modify (decomposed "café" is one word).
/// </summary>
public sealed partial class ClinicalWordTokenizer : IWordTokenizer
{
    public static ClinicalWordTokenizer Instance { get; } = new();

    [GeneratedRegex(
        @"(?<abbr>\p{L}(?:\.\p{L})+\.?)" +                          // b.i.d.  e.g.
        @"|(?<date>\d{1,4}[/-]\d{1,2}[/-]\d{1,4}(?!\d))" +           // 2/14/2019  2019-02-14
        @"|(?<time>\d{1,2}:\d{2}(?::\d{2})?(?!\d))" +                // 10:30  14:05:09
        // Atomic group: without it "12q13" would backtrack to the number "1" followed by the word "2q13".
        @"|(?<num>(?>\d+(?:[.,]\d+)*)(?!\p{L}\d))" +                 // 10  0.5  1,000 (then 'mg' separately)
        @"|(?<ion>\p{Lu}\p{Ll}?\d?[+-](?![\p{L}\d]))" +             // Na+  K+  Cl-  Ca2+
        @"|(?<word>[\p{L}\d]*\p{L}[\p{L}\p{M}\d]*(?:'\p{L}[\p{L}\p{M}]*)?)" + // q6h  B12  BRCA1  Parkinson's  cafe\u0301
        @"|(?<other>(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|\S)\p{M}*)",            // one code point (a whole surrogate pair) and its marks
        RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    public IReadOnlyList<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>(text.Length / 5 + 1);
        foreach (Match m in TokenPattern().Matches(text))
            tokens.Add(new Token(m.Index, m.Index + m.Length, m.Value));
        return tokens;
    }
}
