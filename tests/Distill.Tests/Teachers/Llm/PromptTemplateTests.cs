using Distill.Teachers.Llm;

namespace Distill.Tests.Teachers.Llm;

public class PromptTemplateTests
{
    [Fact]
    public void The_shipped_prompts_load_for_the_study_types_and_differ_by_hash()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "prompts");
        var hashes = Distill.Corpora.EntityTypes.Study.Select(t => PromptTemplate.Latest(t, folder)).Select(p => p.Hash).ToArray();
        Assert.Equal(3, hashes.Distinct().Count());
        Assert.Contains("gout", PromptTemplate.Latest("disease", folder).Render("gout"));
    }

    [Fact]
    public void The_highest_version_wins_and_a_template_needs_the_placeholder()
    {
        var folder = TeacherTestData.TempFolder();
        File.WriteAllText(Path.Combine(folder, "disease.v1.txt"), "old {{text}}");
        File.WriteAllText(Path.Combine(folder, "disease.v2.txt"), "new {{text}}");
        File.WriteAllText(Path.Combine(folder, "symptom.v1.txt"), "no placeholder");
        Assert.Equal("new x", PromptTemplate.Latest("disease", folder).Render("x"));
        Assert.Contains("{{text}}", Assert.Throws<InvalidDataException>(() => PromptTemplate.Latest("symptom", folder)).Message);
        Assert.Throws<FileNotFoundException>(() => PromptTemplate.Latest("medication", folder));
    }
}
