namespace Distill.Teachers.Mesh;

/// <summary>
/// MeSH writes many entry terms inverted, head first and modifiers after a comma ("Abdomen, Acute",
/// "Leukemia, Myeloid, Acute", "Diabetes Mellitus, Type 2"); running text writes them in natural order
/// ("acute abdomen", "acute myeloid leukemia", "type 2 diabetes mellitus"). NLM's rule is that each comma
/// moves the next-more-specific modifier group behind the head, so the natural order reverses the
/// comma-separated parts. Chemical names use commas too ("Benzoxazolecarboxylic acid, 5-(methylamino)-...",
/// "Penicillin G, Benzathine"), and there the rule also gives the natural order or a harmless string that no
/// text contains.
/// </summary>
internal static class MeshEntryTerm
{
    /// <summary>Most comma parts an entry term can have and still be read as an inversion (MeSH has up to 3, e.g.
    /// "Lymphoma, B-Cell, Marginal Zone"); more commas are an enumeration or a systematic chemical name.</summary>
    public const int MaxInvertedParts = 4;

    /// <summary>Whether <paramref name="term"/> is in MeSH's inverted form ("X, Y").</summary>
    public static bool IsInverted(string term) => term.Contains(", ", StringComparison.Ordinal);

    /// <summary>
    /// The natural-order form of an inverted term ("Abdomen, Acute" → "Acute Abdomen"; "Leukemia, Myeloid, Acute" →
    /// "Acute Myeloid Leukemia"); a term without ", " comes back unchanged. Null when the term has more than
    /// <see cref="MaxInvertedParts"/> parts or an empty part: then it is no inversion and has no natural form.
    /// </summary>
    public static string? NaturalOrder(string term)
    {
        if (!IsInverted(term)) return term;
        var parts = term.Split(", ");
        if (parts.Length > MaxInvertedParts || parts.Any(p => p.Trim().Length == 0)) return null;
        return string.Join(' ', parts.Reverse().Select(p => p.Trim()));
    }
}
