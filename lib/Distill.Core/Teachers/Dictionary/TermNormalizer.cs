using Distill.Corpora;

namespace Distill.Teachers.Dictionary;

/// <summary>
/// Turns word tokens into the keys the dictionary matches on. Lexicon terms and note text go through the same
/// steps, so a term matches wherever its tokens appear, whatever the spacing:
/// <list type="number">
/// <item>case-fold (invariant lower case);</item>
/// <item>drop a possessive <c>'s</c>: <c>Parkinson's</c> → <c>parkinson</c> (DO has both "Parkinson's disease" and "Parkinson disease" forms, notes use either);</item>
/// <item>British to American spelling for a few stems common in disease names (<c>tumour</c>, <c>haem</c>, <c>oedema</c>, <c>diarrhoea</c>, ...);</item>
/// <item>a light plural fold: a final <c>s</c> is dropped from words longer than 3 letters unless they end in
/// <c>ss</c>, <c>us</c>, <c>is</c> or <c>ys</c> (<c>tumors</c> → <c>tumor</c>, but <c>fibrosis</c>, <c>virus</c>, <c>illness</c> stay).</item>
/// </list>
/// </summary>
internal static class TermNormalizer
{
    static readonly (string British, string American)[] Spellings =
    [
        ("tumour", "tumor"), ("haem", "hem"), ("anaem", "anem"), ("leukaem", "leukem"), ("oedem", "edem"),
        ("oesophag", "esophag"), ("diarrhoea", "diarrhea"), ("paediatr", "pediatr"), ("ischaem", "ischem"),
        ("oestrogen", "estrogen"), ("haemo", "hemo"), ("faec", "fec"), ("coeliac", "celiac"),
    ];

    public static string Normalize(string token)
    {
        var t = token.ToLowerInvariant();
        if (t.EndsWith("'s", StringComparison.Ordinal) || t.EndsWith("’s", StringComparison.Ordinal)) t = t[..^2];
        foreach (var (british, american) in Spellings)
        {
            var at = t.IndexOf(british, StringComparison.Ordinal);
            if (at >= 0) { t = string.Concat(t.AsSpan(0, at), american, t.AsSpan(at + british.Length)); break; }
        }
        if (t.Length > 3 && t[^1] == 's' && char.IsLetter(t[^2]) && t[^2] is not ('s' or 'u' or 'i' or 'y'))
            t = t[..^1];
        return t;
    }

    /// <summary>The normalized keys of a text's tokens.</summary>
    public static string[] Keys(IReadOnlyList<Token> tokens) => tokens.Select(t => Normalize(t.Text)).ToArray();
}
