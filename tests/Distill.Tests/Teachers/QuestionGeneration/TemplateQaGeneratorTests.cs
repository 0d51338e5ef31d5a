using Distill.Corpora;
using Distill.Teachers.QuestionGeneration;

namespace Distill.Tests.Teachers.QuestionGeneration;

public class TemplateQaGeneratorTests
{
    static readonly string NotesFolder = Path.Combine(RepositoryRoot.Path, "data", "synthetic-discharge-notes");

    [Fact]
    public async Task Writes_every_type_with_verbatim_sources_and_says_it_is_a_template_generator()
    {
        var text = File.ReadAllText(Path.Combine(NotesFolder, "note-01.txt"));
        var note = new Document("note-01", text);
        var generator = new TemplateQaGenerator(ShippedTeachers.Value.Dictionary);
        var generation = await generator.GenerateAsync(note);
        Assert.Null(generation.Error);
        Assert.Equal(QaGeneratorKind.Template, generation.Kind);
        Assert.Equal(TemplateQaGenerator.GeneratorName, generation.Generator);
        var validation = QaPairValidator.Validate(note, generation.Candidates, generator.Name, generator.Kind);
        Assert.Empty(validation.Rejected);
        var byType = validation.Kept.GroupBy(p => p.Type).ToDictionary(g => g.Key, g => g.ToArray());
        Assert.Equal(QaPairTypes.All.ToHashSet(), byType.Keys.ToHashSet());
        Assert.All(validation.Kept, p => Assert.Equal(QaGeneratorKind.Template, p.GeneratorKind));
        Assert.All(validation.Kept.Where(p => p.SourceStart >= 0), p => Assert.Equal(p.Source, text.Substring(p.SourceStart, p.Source.Length)));
        // The note's labs are asked as numbers; "denies shortness of breath" gives a "No".
        Assert.Contains(byType[QaPairType.Numeric], p => p.Question.Contains("HbA1c") && p.Answer == "8.1");
        Assert.Contains(byType[QaPairType.Numeric], p => p.Question.Contains("creatinine") && p.Answer == "1.6");
        Assert.Contains(byType[QaPairType.YesNo], p => p.Answer == "No" && p.Source.Contains("denies"));
        Assert.Contains(byType[QaPairType.YesNo], p => p.Answer == "Yes");
        Assert.True(byType[QaPairType.YesNo].Count(p => p.Answer == "Yes") <= 5 && byType[QaPairType.YesNo].Count(p => p.Answer == "No") <= 5);
        // Unanswerable questions name nothing the note mentions.
        Assert.All(byType[QaPairType.NaNumeric], p => Assert.DoesNotContain("creatinine", p.Question));
    }

    [Fact]
    public async Task Is_deterministic_for_a_seed()
    {
        var note = new Document("note-02", File.ReadAllText(Path.Combine(NotesFolder, "note-02.txt")));
        var a = await new TemplateQaGenerator(ShippedTeachers.Value.Dictionary, seed: 3).GenerateAsync(note);
        var b = await new TemplateQaGenerator(ShippedTeachers.Value.Dictionary, seed: 3).GenerateAsync(note);
        Assert.Equal(a.Candidates, b.Candidates);
    }
}
