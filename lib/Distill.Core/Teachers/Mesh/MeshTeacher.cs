using Distill.Teachers.Dictionary;

namespace Distill.Teachers.Mesh;

/// <summary>
/// The <c>mesh</c> teacher: the <see cref="DictionaryTeacher"/> (longest token match, stop list, case-exact
/// abbreviations, "(ABBR)" expansion) over MeSH 2024 descriptors and entry terms, "MeSH 2024, U.S. National
/// Library of Medicine" (see <c>data/mesh/PROVENANCE.md</c>). Its cache fingerprint is the dictionary teacher's:
/// the lexicon hash covers every choice made here (branches, inversion), plus the matcher options and version.
/// </summary>
/// <remarks>
/// On the NCBI Disease dev split, disease, token-level P / R / F1: 0.979 / 0.589 / 0.736 (the Disease Ontology
/// dictionary teacher: 0.958 / 0.529 / 0.681). Most of what it misses is boundaries ("hereditary breast cancer",
/// "breast and ovarian cancer") and abbreviations, which the morphology and abbreviation teachers label.
/// </remarks>
internal static class MeshTeacher
{
    public const string Name = "mesh";

    public static DictionaryTeacher Create(MeshLexiconOptions? meshOptions = null, LexiconOptions? matcherOptions = null) =>
        new(MeshLexicon.Load(meshOptions), matcherOptions, Name);
}
