using Distill.Corpora;
using Distill.Teachers;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Mesh;

namespace Distill.Tests.Teachers.Mesh;

/// <summary>The mesh teacher over the shipped MeSH 2024 terms (data/mesh/).</summary>
public class MeshTeacherTests
{
    static DictionaryTeacher Mesh => ShippedTeachers.Value.Mesh;

    [Fact]
    public async Task Labels_diseases_by_their_entry_terms_in_natural_order()
    {
        var note = new Document("n", "Acute myeloid leukemia and type 2 diabetes mellitus; no Huntington chorea, no acute abdomen.");
        var diseases = (await Mesh.LabelAsync(note, EntityTypes.Disease)).Spans.Select(s => s.Text);
        // "Leukemia, Myeloid, Acute", "Diabetes Mellitus, Type 2" and "Chorea, Huntington" are inverted in MeSH.
        Assert.Equal(["Acute myeloid leukemia", "type 2 diabetes mellitus", "Huntington chorea"], diseases);
        // "Abdomen, Acute" is a sign (C23.888): a symptom, not a disease. (So is "Chorea", whose disease is Huntington's.)
        Assert.Equal(["chorea", "acute abdomen"], (await Mesh.LabelAsync(note, EntityTypes.Symptom)).Spans.Select(s => s.Text));
    }

    [Fact]
    public async Task Leaves_out_processes_and_injuries()
    {
        var note = new Document("n", "Tumorigenesis, inflammation and abdominal injuries in Alzheimer disease.");
        Assert.Equal(["Alzheimer disease"], (await Mesh.LabelAsync(note, EntityTypes.Disease)).Spans.Select(s => s.Text));
    }

    [Fact]
    public void Is_an_offline_dictionary_named_mesh_for_three_types()
    {
        Assert.Equal("mesh", Mesh.Name);
        Assert.Equal(TeacherKind.Dictionary, Mesh.Kind);
        Assert.False(Mesh.Fingerprint(EntityTypes.Disease).UsesNetwork);
        Assert.True(Mesh.Supports(EntityTypes.Disease) && Mesh.Supports(EntityTypes.Symptom) && Mesh.Supports(EntityTypes.Medication));
        Assert.False(Mesh.Supports("procedure"));
    }

    [Fact]
    public void Its_fingerprint_changes_with_the_branches_and_the_matcher_options()
    {
        var descriptors = new[] { new MeshDescriptor("D1", "Disease, Rare", ["C05.1"], "disease", ["Disease, Rare"]) };
        DictionaryTeacher Teacher(MeshLexiconOptions mesh, LexiconOptions? matcher = null) =>
            new(new Lexicon(MeshLexicon.Entries(descriptors, mesh)), matcher, MeshTeacher.Name);
        var baseline = Teacher(new MeshLexiconOptions()).Fingerprint(EntityTypes.Disease);
        Assert.Equal(baseline, Teacher(new MeshLexiconOptions()).Fingerprint(EntityTypes.Disease));
        Assert.NotEqual(baseline.Model, Teacher(new MeshLexiconOptions { KeepInvertedForms = true }).Fingerprint(EntityTypes.Disease).Model);
        Assert.NotEqual(baseline.Model, Teacher(new MeshLexiconOptions { Disease = new(["C"], ["C05"]) }).Fingerprint(EntityTypes.Disease).Model);
        Assert.NotEqual(baseline.ParametersJson, Teacher(new MeshLexiconOptions(), new LexiconOptions { MinimumTermLength = 4 }).Fingerprint(EntityTypes.Disease).ParametersJson);
    }

    [Fact]
    public async Task Reaches_its_dev_floor_on_NCBI_Disease()
    {
        // Measured on dev when tuned: P 0.979, R 0.589, F1 0.736 (token level). A regression below F1 0.716 fails.
        var score = await ShippedTeachers.DevScoreAsync(Mesh);
        Assert.True(score.F1 >= 0.716, $"mesh dev F1 {score.F1:F3} (P {score.Precision:F3}, R {score.Recall:F3})");
    }
}
