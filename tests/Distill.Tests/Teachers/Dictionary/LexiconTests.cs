using Distill.Teachers.Dictionary;

namespace Distill.Tests.Teachers.Dictionary;

public class LexiconTests
{
    static LexiconOptions Mini(bool related = false) => new()
    {
        IncludeRelatedSynonyms = related,
        DiseaseOntologyPath = TeacherTestData.File("mini.obo"),
        SymptomOntologyPath = null,
        DrugVocabularyPath = TeacherTestData.File("mini-drugs.csv"),
    };

    [Fact]
    public void Uses_names_and_exact_synonyms_of_live_terms_without_SNOMED_tags()
    {
        var lexicon = Lexicon.Load(Mini());
        var disease = lexicon.Of("disease").Select(e => e.Term).ToArray();
        Assert.Contains("mammary cancer", disease);
        Assert.Contains("malignant neoplasm of breast", disease);
        Assert.DoesNotContain("mammary neoplasm", disease);
        Assert.DoesNotContain("withdrawn thing", disease);
        Assert.Contains("mammary neoplasm", Lexicon.Load(Mini(related: true)).Of("disease").Select(e => e.Term));
        Assert.Contains(lexicon.Of("medication"), e => e.Term == "Aspirin" && e.ConceptId == "DB00945");
        Assert.Equal(["disease", "medication"], lexicon.EntityTypes);
    }

    [Theory]
    [InlineData("myotonic dystrophy type 1", "myotonic dystrophy type 1|myotonic dystrophy")]
    [InlineData("Von Hippel-Lindau syndrome (VHL)", "Von Hippel-Lindau syndrome|VHL")]
    [InlineData("breast cancer", "breast cancer")]
    [InlineData("Down syndrome (disorder)", "Down syndrome (disorder)")]
    public void Variants_drop_numbered_subtypes_and_split_off_abbreviations(string name, string expected) =>
        Assert.Equal(expected.Split('|'), Lexicon.Variants(name));

    [Fact]
    public void The_hash_changes_with_the_terms_but_not_their_order()
    {
        var a = new Lexicon([new LexiconEntry("gout", "disease", "1"), new LexiconEntry("fever", "symptom", "2")]);
        var b = new Lexicon([new LexiconEntry("fever", "symptom", "2"), new LexiconEntry("gout", "disease", "1")]);
        var c = new Lexicon([new LexiconEntry("gout", "disease", "1")]);
        Assert.Equal(a.Hash, b.Hash);
        Assert.NotEqual(a.Hash, c.Hash);
    }

    [Fact]
    public void A_missing_vocabulary_file_is_a_clear_error()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Lexicon.Load(Mini() with { DiseaseOntologyPath = "/nowhere/doid.obo" }));
        Assert.Contains("/nowhere/doid.obo", error.Message);
    }
}
