using Distill.Corpora;
using Distill.Teachers.Mesh;

namespace Distill.Tests.Teachers.Mesh;

public class MeshLexiconTests
{
    static readonly MeshDescriptor[] Descriptors =
    [
        new("D000006", "Abdomen, Acute", ["C23.888.592.612.054.200"], "sign_or_symptom", ["Abdomen, Acute", "Acute Abdomen"]),
        new("D000007", "Abdominal Injuries", ["C26.017"], "disease", ["Abdominal Injuries", "Injury, Abdominal"]),
        new("D006816", "Huntington Disease", ["C10.228.140.163.100.362", "F03.615.400.500"], "disease", ["Huntington Disease", "Chorea, Huntington"]),
        new("D009765", "Obesity", ["C18.654.726.500", "C23.888.144.699.500"], "sign_or_symptom", ["Obesity"]),
        new("D001241", "Aspirin", ["D02.241.223.100.050.500"], "chemical_or_drug", ["Aspirin", "Acetylsalicylic Acid"]),
    ];

    [Fact]
    public void Entry_terms_become_lexicon_entries_in_natural_word_order_by_tree()
    {
        var entries = MeshLexicon.Entries(Descriptors, new MeshLexiconOptions()).ToArray();
        string[] Of(string type) => entries.Where(e => e.EntityType == type).Select(e => e.Term).ToArray();
        // Injuries (C26) are left out of disease; a descriptor in C18 and C23.888 is both a disease and a symptom.
        Assert.Equal(["Huntington Disease", "Huntington Chorea", "Obesity"], Of(EntityTypes.Disease));
        Assert.Equal(["Acute Abdomen", "Obesity"], Of(EntityTypes.Symptom));
        Assert.Equal(["Aspirin", "Acetylsalicylic Acid"], Of(EntityTypes.Medication));
        Assert.Contains(entries, e => e.Term == "Huntington Chorea" && e.ConceptId == "MESH:D006816");
    }

    [Fact]
    public void The_inverted_forms_stay_out_unless_asked_for()
    {
        var entries = MeshLexicon.Entries(Descriptors, new MeshLexiconOptions { KeepInvertedForms = true }).ToArray();
        Assert.Contains(entries, e => e.Term == "Chorea, Huntington");
        Assert.Contains(entries, e => e.Term == "Huntington Chorea");
        Assert.DoesNotContain(MeshLexicon.Entries(Descriptors, new MeshLexiconOptions()), e => e.Term.Contains(", "));
    }

    [Fact]
    public void A_type_without_a_selection_is_left_out()
    {
        var entries = MeshLexicon.Entries(Descriptors, new MeshLexiconOptions { Symptom = null, Medication = null }).ToArray();
        Assert.All(entries, e => Assert.Equal(EntityTypes.Disease, e.EntityType));
    }

    [Fact]
    public void A_missing_file_says_where_the_data_ships()
    {
        var error = Assert.Throws<FileNotFoundException>(() => MeshLexicon.Load(new MeshLexiconOptions { Path = "/nonexistent/mesh-terms.tsv" }));
        Assert.Contains("/nonexistent/mesh-terms.tsv", error.Message);
        Assert.Contains("data/mesh/", error.Message);
    }
}
