using Distill.Corpora;

namespace Distill.Teachers.Abbreviations;

/// <summary>
/// Decides for the abbreviation teacher whether a long form names an entity ("Huntington disease" yes,
/// "heat shock transcription factor" no) and whether a short form is a known abbreviation of one ("HD").
/// </summary>
public interface ILongFormRecognizer
{
    bool Supports(string entityType);

    /// <summary>Mentions of <paramref name="entityType"/> in <paramref name="text"/> (a long form, or any text).</summary>
    IReadOnlyList<EntitySpan> Recognize(string text, string entityType);

    /// <summary>
    /// Whether the vocabularies list <paramref name="shortForm"/>, exactly as written, as an abbreviation of an entity
    /// of the type whose names contain every word of <paramref name="longForm"/>: "VHL" = "von Hippel-Lindau" (a
    /// concept named "von Hippel-Lindau disease" and "VHL"), but not "HD" = "heteroduplex".
    /// </summary>
    bool IsKnownDefinition(string shortForm, string longForm, string entityType);

    /// <summary>What the answers depend on (lexicon hashes, rule versions): part of the abbreviation teacher's cache fingerprint.</summary>
    string Version { get; }
}
