using System.Text.Json;
using Distill.Corpora;
using Distill.Teachers.Cache;
using Distill.Teachers.Llm;
using Distill.Teachers.QuestionGeneration;
using static Distill.Tests.Teachers.Llm.ChatCompletionJson;

namespace Distill.Tests.Teachers.QuestionGeneration;

/// <summary>The QA-generation teacher against a fake OpenAI-compatible server on 127.0.0.1.</summary>
public sealed class LlmQaGeneratorTests : IDisposable
{
    static readonly Document Note = new("n1", "Pertinent Results: HbA1c 8.1%. Creatinine 1.6 mg/dL.\nSocial History: He denies alcohol abuse.");

    static readonly string Pairs = JsonSerializer.Serialize(new object[]
    {
        new { question = "What is the HbA1c?", type = "numeric", answer = "8.1", section = "Pertinent Results", source = "HbA1c 8.1%.", difficulty = 2, explanation = "stated" },
        new { question = "Does he abuse alcohol?", type = "yes_no", answer = "No", section = "Social History", source = "He denies alcohol abuse.", difficulty = 3, explanation = "denies" },
        new { question = "What is the troponin?", type = "na-numeric", answer = "N/A", section = "Pertinent Results", source = "", difficulty = 5, explanation = "absent" },
        new { question = "Does he smoke?", type = "yes_no", answer = "Yes", section = "Social History", source = "He smokes a pack a day.", difficulty = 2, explanation = "invented" },
    });

    readonly string folder = Directory.CreateTempSubdirectory("qa-gen-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    static LlmTeacher Teacher(LoopbackServer server) =>
        new("llama-70b", ChatClientFactory.Create(ChatProvider.OpenAI, "llama-3.1-70b", "test-key", new Uri(server.BaseUri, "v1"), new HttpClient(),
                new LlmTeacherOptions { Model = "llama-3.1-70b", Retry = new RetryPolicy(2, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1)) }.Http()),
            new LlmTeacherOptions { Model = "llama-3.1-70b", PricePerMillionInputTokens = 1m, PricePerMillionOutputTokens = 2m, Retry = new RetryPolicy(2, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1)) });

    static readonly PromptTemplate Prompt = new("qa-generation", "Write pairs.\n{{text}}", "test");

    [Fact]
    public async Task Sends_the_prompt_at_Woo_et_al_sampling_and_validates_and_caches_the_answer()
    {
        await using var server = LoopbackServer.Scripted(LoopbackResponse.Json(Answer($"```json\n{Pairs}\n```", 1000, 500)));
        await using var cache = SqliteTeacherCache.Open(Path.Combine(folder, "cache.sqlite"));
        var generator = new LlmQaGenerator(Teacher(server), Prompt, cache);

        var generation = await generator.GenerateAsync(Note);
        Assert.Null(generation.Error);
        Assert.False(generation.FromCache);
        Assert.Equal(4, generation.Candidates.Count);
        Assert.Equal(0.002m, generation.CostUsd); // 1000 × 1 / 1e6 + 500 × 2 / 1e6
        var body = JsonDocument.Parse(Assert.Single(server.Requests).Body).RootElement;
        Assert.Equal(0.7, body.GetProperty("temperature").GetDouble(), 5);
        Assert.Equal(0.95, body.GetProperty("top_p").GetDouble(), 5);
        Assert.Contains(Note.Text, body.GetProperty("messages")[0].GetProperty("content").GetString());

        var validation = QaPairValidator.Validate(Note, generation.Candidates, generator.Name, generator.Kind);
        Assert.Equal(3, validation.Kept.Count);
        Assert.Equal(QaRejectionReason.SourceNotInNote, Assert.Single(validation.Rejected).Reason);

        var replay = await generator.GenerateAsync(Note);
        Assert.True(replay.FromCache);
        Assert.Single(server.Requests); // no second call
        Assert.Equal(generation.Candidates, replay.Candidates);
        Assert.Equal(generation.CostUsd, replay.CostUsd);

        var estimate = await generator.EstimateAsync([Note, new Document("n2", "Another note.")]);
        Assert.Equal((1, 1), (estimate.CachedNotes, estimate.Calls));
        Assert.True(estimate.InputTokens > 0 && estimate.CostUsd > 0);
    }

    [Fact]
    public async Task An_unparseable_answer_is_a_failed_note_and_a_500_is_retried()
    {
        await using var server = LoopbackServer.Scripted(new LoopbackResponse(500, ServerError), LoopbackResponse.Json(Answer("Sorry, I cannot do that.")));
        var generation = await new LlmQaGenerator(Teacher(server), Prompt).GenerateAsync(Note);
        Assert.Equal(2, server.Requests.Count);
        Assert.StartsWith("unparseable answer", generation.Error);
        Assert.Empty(generation.Candidates);
    }

    [Fact]
    public async Task Offline_without_a_cached_answer_fails_without_a_call()
    {
        await using var server = LoopbackServer.Scripted(LoopbackResponse.Json(Answer(Pairs)));
        await using var cache = SqliteTeacherCache.Open(Path.Combine(folder, "cache.sqlite"));
        var generation = await new LlmQaGenerator(Teacher(server), Prompt, cache, offline: true).GenerateAsync(Note);
        Assert.Contains("offline", generation.Error);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void The_shipped_prompt_asks_for_every_field_and_type()
    {
        var prompt = PromptTemplate.Latest(QaGenerationOptions.PromptName, Path.Combine(RepositoryRoot.Path, "prompts"));
        foreach (var word in new[] { "question", "type", "answer", "section", "source", "difficulty", "explanation", "yes_no", "numeric", "na-numeric", "na-bool" })
            Assert.Contains($"\"{word}\"", prompt.Template);
        Assert.All(NoteSections.All, s => Assert.Contains(s, prompt.Template));
    }
}
