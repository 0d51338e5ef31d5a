using Distill.Teachers;
using Distill.Teachers.BioPortal;
using Distill.Teachers.Configuration;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Embedding;
using Distill.Teachers.Llm;
using Distill.Teachers.Simulated;

namespace Distill.Tests.Teachers.Configuration;

public class TeachersFileTests
{
    static readonly Lazy<DictionaryTeacher> Dictionary = new(() => new DictionaryTeacher(new Lexicon([new LexiconEntry("gout", "disease", "X")])));

    static string Write(string yaml)
    {
        var path = Path.Combine(TeacherTestData.TempFolder(), "teachers.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void The_example_file_builds_every_provider_without_any_key()
    {
        var specs = TeachersFile.Read(Path.Combine(RepositoryRoot.Path, "teachers.example.yaml"));
        var teachers = TeachersFile.Build(specs, Dictionary, _ => null);
        Assert.Equal(["dictionary", "embedding", "simulated:good", "gpt-4o", "gpt-4o-mini", "o1-mini", "gemini-1.5-flash", "bioportal"], teachers.Select(t => t.Name));
        Assert.IsType<DictionaryTeacher>(teachers[0]);
        var embedding = Assert.IsType<EmbeddingTeacher>(teachers[1]);
        Assert.False(embedding.EncoderLoaded); // building a teacher never loads the encoder; labeling does
        Assert.Equal(TeacherKind.Simulated, teachers[2].Kind);
        var o1 = Assert.IsType<LlmTeacher>(teachers[5]);
        Assert.False(o1.Options.SupportsSamplingParameters);
        var gpt4o = (LlmTeacher)teachers[3];
        Assert.Equal((0.01f, 0.9f, 2.50m, 10.00m, 500), (gpt4o.Options.Temperature, gpt4o.Options.TopP,
            gpt4o.Options.PricePerMillionInputTokens, gpt4o.Options.PricePerMillionOutputTokens, gpt4o.Options.RequestsPerMinute!.Value));
        Assert.IsType<BioPortalAnnotatorTeacher>(teachers[7]);
    }

    [Fact]
    public async Task A_teacher_without_its_key_says_which_variable_to_set_when_it_must_call()
    {
        var specs = TeachersFile.Read(Write("teachers:\n  - name: g\n    provider: openai\n    model: gpt-4o\n    api_key_env: MY_KEY_VAR\n"));
        var teacher = TeachersFile.Build(specs, Dictionary, _ => null).Single();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => teacher.LabelAsync(new Distill.Corpora.Document("d", "gout"), "disease"));
        Assert.Contains("MY_KEY_VAR", error.Message);
    }

    [Fact]
    public void Simulated_rates_override_the_preset()
    {
        var specs = TeachersFile.Read(Write("teachers:\n  - provider: simulated\n    profile: noisy\n    miss_rate: 0.5\n    seed: 3\n"));
        var teacher = Assert.IsType<SimulatedTeacher>(TeachersFile.Build(specs, Dictionary).Single());
        Assert.Equal("simulated:noisy", teacher.Name);
        Assert.Equal(SimulatedTeacherProfile.Noisy with { MissRate = 0.5, Seed = 3 }, teacher.Profile);
    }

    [Fact]
    public void An_embedding_entry_sets_its_threshold_and_uses_the_dictionary_lexicon()
    {
        var specs = TeachersFile.Read(Write("teachers:\n  - name: emb-strict\n    provider: embedding\n    threshold: 0.9\n"));
        var teacher = Assert.IsType<EmbeddingTeacher>(TeachersFile.Build(specs, Dictionary).Single());
        Assert.Equal(("emb-strict", 0.9f, TeacherKind.Embedding), (teacher.Name, teacher.Options.Threshold, teacher.Kind));
        Assert.Equal(["disease"], teacher.EntityTypes);
        Assert.False(teacher.Supports("medication"));
    }

    [Theory]
    [InlineData("teachers:\n  - name: x\n    provider: anthropic\n", "unknown provider 'anthropic'")]
    [InlineData("teachers:\n  - name: x\n    provider: openai\n    model: gpt-4o\n", "needs 'api_key_env'")]
    [InlineData("teachers:\n  - name: x\n    provider: azure\n    api_key_env: K\n", "needs 'endpoint' and 'deployment'")]
    [InlineData("teachers:\n  - name: x\n    provider: openai\n    model: m\n    api_key_env: K\n    endpoint: not a url\n", "not an absolute URL")]
    [InlineData("teachers: []\n", "no teachers")]
    [InlineData("teachers:\n  - provider: embedding\n    threshold: 1.5\n", "'threshold' 1.5 is not a cosine similarity")]
    [InlineData("teachers:\n  - provider: embedding\n    encoder: bert\n", "unknown 'encoder' 'bert' (expected minilm, arctic-xs)")]
    [InlineData("teachers:\n  - name: x\n    provider: dictionary\n    api_key: sk-123\n", ":4:")]
    public void Bad_files_are_errors_naming_the_file_and_problem(string yaml, string expected)
    {
        var path = Write(yaml);
        var error = Assert.Throws<InvalidDataException>(() => TeachersFile.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }
}
