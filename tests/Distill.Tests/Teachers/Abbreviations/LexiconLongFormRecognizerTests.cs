using Distill.Corpora;
using Distill.Teachers.Abbreviations;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Morphology;

namespace Distill.Tests.Teachers.Abbreviations;

public class LexiconLongFormRecognizerTests
{
    internal static DictionaryTeacher Lexicon(params (string Term, string Type, string Concept)[] entries) =>
        new(new Lexicon(entries.Select(e => new LexiconEntry(e.Term, e.Type, e.Concept))));

    static readonly DictionaryTeacher Small = Lexicon(
        ("Huntington disease", EntityTypes.Disease, "D1"), ("HD", EntityTypes.Disease, "D1"),
        ("von Hippel-Lindau disease", EntityTypes.Disease, "D2"), ("VHL", EntityTypes.Disease, "D2"),
        ("aspirin", EntityTypes.Medication, "M1"));

    [Fact]
    public void Recognizes_with_the_dictionaries_and_for_diseases_the_morphology_rules()
    {
        var recognizer = LexiconLongFormRecognizer.Create([Small], new MorphologyTeacher());
        Assert.Equal(["Huntington disease"], recognizer.Recognize("Huntington disease", EntityTypes.Disease).Select(s => s.Text).Distinct());
        Assert.Equal(["Canavan disease"], recognizer.Recognize("Canavan disease", EntityTypes.Disease).Select(s => s.Text));
        Assert.Equal(["aspirin"], recognizer.Recognize("aspirin", EntityTypes.Medication).Select(s => s.Text));
        Assert.Empty(LexiconLongFormRecognizer.Create([Small], null).Recognize("Canavan disease", EntityTypes.Disease));
    }

    [Fact]
    public void Supports_the_types_of_its_dictionaries_and_disease_with_morphology()
    {
        var withRules = LexiconLongFormRecognizer.Create([Lexicon(("aspirin", EntityTypes.Medication, "M1"))], new MorphologyTeacher());
        Assert.True(withRules.Supports(EntityTypes.Disease));
        Assert.True(withRules.Supports(EntityTypes.Medication));
        Assert.False(withRules.Supports(EntityTypes.Symptom));
        Assert.False(LexiconLongFormRecognizer.Create([Lexicon(("aspirin", EntityTypes.Medication, "M1"))], null).Supports(EntityTypes.Disease));
    }

    [Theory]
    [InlineData("VHL", "von Hippel-Lindau", true)]
    [InlineData("VHL", "Von Hippel Lindau disease", true)]
    [InlineData("HD", "Huntington disease", true)]
    [InlineData("HD", "heteroduplex", false)]
    [InlineData("VHL", "von Hippel-Lindau tumor suppressor gene", false)]
    [InlineData("hd", "Huntington disease", false)]
    [InlineData("WD", "Wilson disease", false)]
    public void A_known_definition_is_a_listed_abbreviation_whose_concept_names_hold_the_long_form(string shortForm, string longForm, bool known) =>
        Assert.Equal(known, LexiconLongFormRecognizer.Create([Small], null).IsKnownDefinition(shortForm, longForm, EntityTypes.Disease));

    [Fact]
    public void Its_version_names_the_lexicons_and_the_rules()
    {
        var plain = LexiconLongFormRecognizer.Create([Small], null).Version;
        var withRules = LexiconLongFormRecognizer.Create([Small], new MorphologyTeacher()).Version;
        var otherRules = LexiconLongFormRecognizer.Create([Small], new MorphologyTeacher(new MorphologyOptions { Coordination = false })).Version;
        var otherLexicon = LexiconLongFormRecognizer.Create([Lexicon(("gout", EntityTypes.Disease, "D9"))], null).Version;
        Assert.Contains(Small.Lexicon.Hash, plain);
        Assert.Equal(4, new[] { plain, withRules, otherRules, otherLexicon }.Distinct().Count());
    }
}
