using Distill.Corpora;
using Distill.Evaluation;
using Distill.Teachers;
using Distill.Teachers.Dictionary;

namespace Distill.Tests.Teachers.Dictionary;

/// <summary>The dictionary teacher over the vocabularies shipped in data/ (built once for the class).</summary>
public class DictionaryTeacherTests(DictionaryTeacherTests.Shipped shipped) : IClassFixture<DictionaryTeacherTests.Shipped>
{
    public sealed class Shipped
    {
        public DictionaryTeacher Teacher { get; } = DictionaryTeacher.CreateDefault();
    }

    [Fact]
    public async Task Labels_diseases_symptoms_and_medications_from_the_shipped_vocabularies()
    {
        var note = new Document("n", "History of breast cancer and type 2 diabetes mellitus. Reports headache and nausea. Started metformin and aspirin.");
        async Task<string[]> Found(string type) => (await shipped.Teacher.LabelAsync(note, type)).Spans.Select(s => s.Text).ToArray();
        Assert.Equal(["breast cancer", "type 2 diabetes mellitus"], await Found("disease"));
        Assert.Equal(["headache", "nausea"], await Found("symptom"));
        Assert.Equal(["metformin", "aspirin"], await Found("medication"));
    }

    [Fact]
    public async Task Is_offline_deterministic_and_unknown_types_fail_clearly()
    {
        var teacher = shipped.Teacher;
        Assert.Equal(TeacherKind.Dictionary, teacher.Kind);
        Assert.False(teacher.Fingerprint("disease").UsesNetwork);
        Assert.StartsWith("lexicon:", teacher.Fingerprint("disease").Model);
        Assert.True(teacher.Supports("disease") && teacher.Supports("symptom") && teacher.Supports("medication"));
        Assert.False(teacher.Supports("procedure"));
        var failed = await teacher.LabelAsync(new Document("n", "text"), "procedure");
        Assert.False(failed.Succeeded);
        Assert.Contains("procedure", failed.Error);
    }

    [Fact]
    public async Task Scores_well_above_chance_on_NCBI_Disease_test_abstracts()
    {
        // Three real test-split abstracts; the full-split figure is reported by `distill label --score`.
        var documents = PubTatorReader.Read(TeacherTestData.File("ncbi-sample.txt"));
        Assert.Equal(3, documents.Count);
        var predicted = new List<Document>();
        foreach (var document in documents)
            predicted.Add(document.WithSpans((await shipped.Teacher.LabelAsync(document, "disease")).Spans));
        var scorer = new TokenLevelScorer();
        var score = scorer.Count(scorer.Prepare(documents, ["disease"]), predicted).Summarize().PerType["disease"];
        Assert.True(score.Precision > 0.8, $"precision {score.Precision:F3}");
        Assert.True(score.Recall > 0.2, $"recall {score.Recall:F3}");
    }
}
