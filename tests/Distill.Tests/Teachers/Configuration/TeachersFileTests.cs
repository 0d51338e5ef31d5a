using Distill.Corpora;
using Distill.Teachers;
using Distill.Teachers.Abbreviations;
using Distill.Teachers.BioPortal;
using Distill.Teachers.Configuration;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Embedding;
using Distill.Teachers.Llm;
using Distill.Teachers.Morphology;
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
        Assert.Equal(["dictionary", "mesh", "morphology", "abbreviation", "embedding", "simulated:good", "gpt-4o", "gpt-4o-mini", "o1-mini", "gemini-1.5-flash", "bioportal"],
            teachers.Select(t => t.Name));
        Assert.IsType<DictionaryTeacher>(teachers[0]);
        Assert.IsType<DictionaryTeacher>(teachers[1]);
        Assert.IsType<MorphologyTeacher>(teachers[2]);
        Assert.IsType<AbbreviationTeacher>(teachers[3]);
        var embedding = Assert.IsType<EmbeddingTeacher>(teachers[4]);
        Assert.False(embedding.EncoderLoaded); // building a teacher never loads the encoder; labeling does
        Assert.Equal(TeacherKind.Simulated, teachers[5].Kind);
        var o1 = Assert.IsType<LlmTeacher>(teachers[8]);
        Assert.False(o1.Options.SupportsSamplingParameters);
        var gpt4o = (LlmTeacher)teachers[6];
        Assert.Equal((0.01f, 0.9f, 2.50m, 10.00m, 500), (gpt4o.Options.Temperature, gpt4o.Options.TopP,
            gpt4o.Options.PricePerMillionInputTokens, gpt4o.Options.PricePerMillionOutputTokens, gpt4o.Options.RequestsPerMinute!.Value));
        Assert.IsType<BioPortalAnnotatorTeacher>(teachers[10]);
    }

    [Fact]
    public async Task The_offline_kinds_build_once_around_the_shared_dictionary_and_can_be_renamed()
    {
        var specs = TeachersFile.Read(Write(
            "teachers:\n  - provider: mesh\n  - provider: morphology\n  - provider: abbreviation\n" +
            "  - name: mesh-2\n    provider: mesh\n  - name: rules-2\n    provider: morphology\n  - name: abbr-2\n    provider: abbreviation\n"));
        var shared = new Lazy<DictionaryTeacher>(() => new DictionaryTeacher(new Lexicon([new LexiconEntry("blorbo zed", "disease", "X")])));
        var teachers = TeachersFile.Build(specs, shared);
        Assert.Equal(["mesh", "morphology", "abbreviation", "mesh-2", "rules-2", "abbr-2"], teachers.Select(t => t.Name));
        var mesh = Assert.IsType<DictionaryTeacher>(teachers[0]);
        var renamed = Assert.IsType<DictionaryTeacher>(teachers[3]);
        Assert.Same(mesh.Lexicon, renamed.Lexicon);
        Assert.Equal([TeacherKind.Dictionary, TeacherKind.Rules, TeacherKind.Rules], teachers.Take(3).Select(t => t.Kind));
        // The abbreviation teacher recognizes long forms with the shared dictionary (a made-up term) as well as MeSH and the rules.
        var note = new Document("n", "A blorbo zed (BZ) is rare. BZ recurs.");
        Assert.Equal(["blorbo zed", "BZ", "BZ"], (await teachers[2].LabelAsync(note, EntityTypes.Disease)).Spans.Select(s => s.Text));
        Assert.Equal(((AbbreviationTeacher)teachers[2]).Fingerprint(EntityTypes.Disease).Model, ((AbbreviationTeacher)teachers[5]).Fingerprint(EntityTypes.Disease).Model);
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
    public void An_embedding_entry_sets_its_threshold_and_uses_the_dictionary_and_mesh_terms()
    {
        var specs = TeachersFile.Read(Write("teachers:\n  - name: emb-strict\n    provider: embedding\n    threshold: 0.9\n"));
        var teacher = Assert.IsType<EmbeddingTeacher>(TeachersFile.Build(specs, Dictionary).Single());
        Assert.Equal(("emb-strict", 0.9f, TeacherKind.Embedding), (teacher.Name, teacher.Options.Threshold, teacher.Kind));
        Assert.Contains(new LexiconEntry("gout", "disease", "X"), teacher.Lexicon.Entries); // the shared dictionary's terms
        Assert.Contains(teacher.Lexicon.Entries, e => e.ConceptId.StartsWith("MESH:")); // and MeSH's
        Assert.True(teacher.Supports("disease"));
        Assert.False(teacher.Supports("procedure"));
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
    [InlineData("teachers:\n  - name: x\n    provider: morphology\n    include_related_synonyms: true\n", "'include_related_synonyms' applies to provider 'dictionary' only")]
    public void Bad_files_are_errors_naming_the_file_and_problem(string yaml, string expected)
    {
        var path = Write(yaml);
        var error = Assert.Throws<InvalidDataException>(() => TeachersFile.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Retry_cap_Retry_After_and_Azure_model_version_are_read_and_reach_the_cache_key()
    {
        var specs = TeachersFile.Read(Write("""
            teachers:
              - name: az
                provider: azure
                endpoint: https://x.openai.azure.com/
                deployment: gpt-4o
                model_version: gpt-4o-2024-08-06
                api_key_env: K
                max_retry_delay_seconds: 300
                honour_retry_after: true
                total_timeout_seconds: 900
            """));
        var options = TeachersFile.LlmOptions(specs[0]);
        Assert.Equal((TimeSpan.FromSeconds(300), true), (options.Retry.MaxDelay, options.Retry.HonourLongerRetryAfter));
        Assert.Equal(TimeSpan.FromSeconds(900), options.Http().EffectiveTotalTimeout);
        Assert.Equal((ChatProvider.Azure, "gpt-4o-2024-08-06"), (options.Provider, options.ModelVersion));
        var teacher = (LlmTeacher)TeachersFile.Build(specs, Dictionary, _ => null).Single();
        Assert.Contains("gpt-4o-2024-08-06", teacher.Fingerprint("disease").ParametersJson);
        Assert.Contains("https://x.openai.azure.com", teacher.Fingerprint("disease").ParametersJson);
    }

    [Theory]
    [InlineData("timeout_seconds: .nan")]
    [InlineData("timeout_seconds: -1")]
    [InlineData("max_retry_delay_seconds: 0")]
    [InlineData("max_retries: -2")]
    [InlineData("requests_per_minute: 0")]
    // Accepted here once, then thrown (or silently wrong) when the teacher was built or labelled (issue 15 fuzzing, and review).
    [InlineData("max_chunk_chars: 5")]
    [InlineData("max_output_tokens: 0")]
    [InlineData("temperature: .nan")]
    [InlineData("top_p: 0")]
    [InlineData("price_input_per_million: -1")]
    public void A_bad_retry_or_timeout_setting_names_the_teacher(string line)
    {
        var path = Write($"teachers:\n  - name: g\n    provider: openai\n    model: gpt-4o\n    api_key_env: K\n    {line}\n");
        var e = Assert.Throws<InvalidDataException>(() => TeachersFile.Read(path));
        Assert.Contains("teacher #1 'g'", e.Message);
    }

    [Theory]
    [InlineData("false_positive_rate: -0.45")]
    [InlineData("miss_rate: 1.5")]
    [InlineData("boundary_error_rate: .nan")]
    public void A_simulated_rate_out_of_range_is_an_error_naming_the_teacher(string line)
    {
        // Found by the fuzzer: Read accepted a negative rate and Build threw ArgumentOutOfRangeException.
        var path = Write($"teachers:\n  - name: s\n    provider: simulated\n    {line}\n");
        var e = Assert.Throws<InvalidDataException>(() => TeachersFile.Read(path));
        Assert.Contains("teacher #1 's'", e.Message);
    }

    [Fact]
    public void Max_retries_zero_builds_a_teacher_that_does_not_retry()
    {
        // Found by the fuzzer: Read allowed 0 but Polly refused MaxRetryAttempts 0 (ValidationException) when the client was built.
        var specs = TeachersFile.Read(Write("teachers:\n  - name: g\n    provider: openai\n    model: gpt-4o\n    api_key_env: K\n    max_retries: 0\n"));
        Assert.IsType<LlmTeacher>(Assert.Single(TeachersFile.Build(specs, Dictionary, _ => "sk-test")));
    }
}
