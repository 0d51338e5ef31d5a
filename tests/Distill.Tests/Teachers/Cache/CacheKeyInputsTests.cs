using Distill.Corpora;
using Distill.Teachers;
using Distill.Teachers.Cache;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Llm;
using Distill.Teachers.Simulated;

namespace Distill.Tests.Teachers.Cache;

/// <summary>
/// Issue 15: cache keys missed inputs. The simulated teacher's answers depend on the gold spans, the document id and
/// the dictionary, but its key held only the text's hash; LLM keys omitted provider, endpoint and an Azure
/// deployment's model version. Caches written before these keys simply miss (their rows stay, unused).
/// </summary>
public sealed class CacheKeyInputsTests
{
    static string Key(ICacheableTeacher teacher, Document document, string type = "disease") =>
        CacheKey.Compute(teacher.Name, teacher.Fingerprint(type), teacher.DocumentFingerprint(document, type), type);

    static readonly Document Note = TeacherTestData.Note("n1", "History of gout and asthma.", ("gout", "disease"));

    [Fact]
    public void The_simulated_teachers_key_holds_gold_spans_document_id_and_dictionary()
    {
        var teacher = new SimulatedTeacher(SimulatedTeacherProfile.Oracle);
        var key = Key(teacher, Note);

        Assert.NotEqual(key, Key(teacher, TeacherTestData.Note("n1", Note.Text, ("asthma", "disease"))));
        Assert.NotEqual(key, Key(teacher, TeacherTestData.Note("n2", Note.Text, ("gout", "disease"))));
        Assert.Equal(key, Key(teacher, TeacherTestData.Note("n1", Note.Text, ("gout", "disease"), ("asthma", "symptom")))); // other types do not matter
        var withDictionary = new SimulatedTeacher(SimulatedTeacherProfile.Oracle, _ => new TokenTrieMatcher("disease", [new LexiconEntry("asthma", "disease", "X")]));
        var otherDictionary = new SimulatedTeacher(SimulatedTeacherProfile.Oracle, _ => new TokenTrieMatcher("disease", [new LexiconEntry("lupus", "disease", "X")]));
        Assert.NotEqual(key, Key(withDictionary, Note));
        Assert.NotEqual(Key(withDictionary, Note), Key(otherDictionary, Note));
    }

    [Fact]
    public async Task A_simulated_answer_is_not_replayed_for_changed_gold_spans()
    {
        await using var cache = SqliteTeacherCache.Open(Path.Combine(TeacherTestData.TempFolder(), "c.sqlite"));
        var teacher = new CachedTeacher(new SimulatedTeacher(SimulatedTeacherProfile.Oracle), cache);
        Assert.Equal(["gout"], (await teacher.LabelAsync(Note, "disease")).Spans.Select(s => s.Text));

        var relabelled = await teacher.LabelAsync(TeacherTestData.Note("n1", Note.Text, ("asthma", "disease")), "disease");

        Assert.False(relabelled.FromCache);
        Assert.Equal(["asthma"], relabelled.Spans.Select(s => s.Text));
    }

    static LlmTeacher Llm(LlmTeacherOptions options) =>
        new("gpt-4o", null, options, type => new PromptTemplate(type, "{{text}}", "t"), clientError: "no client");

    [Fact]
    public void An_llm_key_holds_provider_endpoint_and_model_version()
    {
        var openai = new LlmTeacherOptions { Model = "gpt-4o" };
        var key = Key(Llm(openai), Note);
        Assert.NotEqual(key, Key(Llm(openai with { Provider = ChatProvider.Azure }), Note));
        Assert.NotEqual(key, Key(Llm(openai with { Endpoint = new Uri("http://127.0.0.1:8000/v1") }), Note));
        Assert.NotEqual(key, Key(Llm(openai with { ModelVersion = "gpt-4o-2024-08-06" }), Note));
        // The endpoint identifies the server; a query string (Azure's api-version, or a key someone put there) does not.
        Assert.Equal(Key(Llm(openai with { Endpoint = new Uri("https://x.openai.azure.com/") }), Note),
            Key(Llm(openai with { Endpoint = new Uri("https://X.openai.azure.com/?api-key=secret") }), Note));
        Assert.DoesNotContain("secret", Llm(openai with { Endpoint = new Uri("https://x.example/?api-key=secret") }).Fingerprint("disease").ParametersJson);
    }

    [Fact]
    public void A_real_teachers_document_fingerprint_is_the_text_hash()
    {
        var counting = new CountingTeacher();
        Assert.Equal(CacheKey.DocumentHash(Note.Text), ((ICacheableTeacher)counting).DocumentFingerprint(Note, "disease"));
    }
}
