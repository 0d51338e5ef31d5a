using Distill.Corpora;
using Distill.Teachers;
using Distill.Teachers.Cache;
using Distill.Teachers.Llm;
using Distill.Teachers.Relations;
using static Distill.Tests.Teachers.Llm.ChatCompletionJson;

namespace Distill.Tests.Teachers.Relations;

/// <summary>The LLM pair teacher against a fake OpenAI-compatible server on 127.0.0.1, and through the teacher cache.</summary>
public sealed class LlmPairTeacherTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-llm-pairs-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static readonly Document Sentence = new("s1", "Intravenous azithromycin-induced ototoxicity.");

    static LlmPairTeacher Teacher(LoopbackServer server)
    {
        var options = new LlmTeacherOptions { Model = "gpt-test", Retry = new RetryPolicy(2, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1)), PricePerMillionInputTokens = 1m, PricePerMillionOutputTokens = 2m };
        var client = ChatClientFactory.Create(ChatProvider.OpenAI, options.Model, "test-key", new Uri(server.BaseUri, "v1"), new HttpClient(), options.Http());
        return new LlmPairTeacher(new LlmTeacher("gpt-test", client, options, type => new PromptTemplate(type, "Pairs as JSON.\n{{text}}", "test")));
    }

    [Fact]
    public async Task Pairs_are_parsed_located_costed_and_the_missing_counted()
    {
        await using var server = LoopbackServer.Scripted(LoopbackResponse.Json(Answer(
            "```json\n[{\"drug\": \"azithromycin\", \"adverse_event\": \"ototoxicity\"}, {\"drug\": \"aspirin\", \"adverse_event\": \"rash\"}]\n```", 1000, 50)));
        var labeling = await Teacher(server).LabelAsync(Sentence, PairSpans.EntityType);
        Assert.True(labeling.Succeeded, labeling.Error);
        var pair = Assert.Single(PairSpans.Decode(labeling.Spans));
        Assert.Equal((12, 24, 33, 44), pair.Key);
        Assert.Equal(1, labeling.MentionsNotFound);
        Assert.Equal(0.0011m, labeling.CostUsd);
        Assert.Contains(Sentence.Text, Assert.Single(server.Requests).Body);
    }

    [Fact]
    public async Task A_prose_answer_is_a_failed_labeling_and_answers_replay_from_the_cache()
    {
        await using var bad = LoopbackServer.Scripted(LoopbackResponse.Json(Answer("I cannot tell.")));
        Assert.Contains("unparseable", (await Teacher(bad).LabelAsync(Sentence, PairSpans.EntityType)).Error);

        await using var server = LoopbackServer.Scripted(LoopbackResponse.Json(Answer("[[\"azithromycin\", \"ototoxicity\"]]")));
        using var cache = SqliteTeacherCache.Open(Path.Combine(dir, "cache.sqlite"));
        var cached = new CachedTeacher(Teacher(server), cache);
        var first = await cached.LabelAsync(Sentence, PairSpans.EntityType);
        var second = await cached.LabelAsync(Sentence, PairSpans.EntityType);
        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Single(server.Requests);
        Assert.Equal(PairSpans.Decode(first.Spans).Select(p => p.Key), PairSpans.Decode(second.Spans).Select(p => p.Key));
    }
}
