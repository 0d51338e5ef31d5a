using Distill.Teachers.Abbreviations;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Mesh;
using Distill.Teachers.Morphology;

namespace Distill.Teachers;

/// <summary>
/// The real offline teachers, built together from the shipped data (<c>data/</c>) so each vocabulary is read once:
/// <c>dictionary</c> (Disease Ontology, Symptom Ontology, DrugBank), <c>mesh</c> (MeSH 2024), <c>morphology</c>
/// (disease word formation and noun phrases) and <c>abbreviation</c> (Schwartz and Hearst 2003 definitions whose
/// long form the other three recognize). None needs a key or the network, none sees gold; all are deterministic.
/// </summary>
/// <param name="Dictionary">The Disease Ontology / Symptom Ontology / DrugBank dictionary teacher.</param>
/// <param name="Mesh">The MeSH 2024 dictionary teacher.</param>
/// <param name="Morphology">The morphology and pattern teacher (disease only).</param>
/// <param name="Abbreviation">The abbreviation teacher, recognizing long forms with the three above.</param>
public sealed record OfflineTeachers(DictionaryTeacher Dictionary, DictionaryTeacher Mesh, MorphologyTeacher Morphology, AbbreviationTeacher Abbreviation)
{
    /// <summary>The four, in the order above.</summary>
    public IReadOnlyList<ITeacher> All => [Dictionary, Mesh, Morphology, Abbreviation];

    /// <summary>
    /// Builds the four teachers. Pass <paramref name="dictionary"/> to reuse an already loaded dictionary teacher
    /// (loading Disease Ontology, Symptom Ontology and DrugBank takes about a second; MeSH about as long).
    /// </summary>
    public static OfflineTeachers Create(DictionaryTeacher? dictionary = null, MeshLexiconOptions? mesh = null,
        MorphologyOptions? morphology = null, AbbreviationOptions? abbreviation = null)
    {
        dictionary ??= DictionaryTeacher.CreateDefault();
        var meshTeacher = MeshTeacher.Create(mesh, dictionary.Options);
        var morphologyTeacher = new MorphologyTeacher(morphology);
        var recognizer = LexiconLongFormRecognizer.Create([dictionary, meshTeacher], morphologyTeacher);
        return new OfflineTeachers(dictionary, meshTeacher, morphologyTeacher, new AbbreviationTeacher(recognizer, abbreviation));
    }
}
