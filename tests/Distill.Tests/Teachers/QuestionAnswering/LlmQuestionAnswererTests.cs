using System.Text.Json;
using Distill.Corpora;
using Distill.Teachers.Cache;
using Distill.Teachers.Llm;
using Distill.Teachers.QuestionAnswering;
using static Distill.Tests.Teachers.Llm.ChatCompletionJson;

namespace Distill.Tests.Teachers.QuestionAnswering;

public sealed class LlmQuestionAnswererTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("qa-answer-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Asks_each_question_once_and_replays_it_from_the_cache()
    {
        await using var server = LoopbackServer.Scripted(LoopbackResponse.Json(Answer("""{"answer": "1.9"}""", 200, 5)), LoopbackResponse.Json(Answer("""{"answer": "Yes"}""", 200, 5)));
        await using var cache = SqliteTeacherCache.Open(Path.Combine(folder, "cache.sqlite"));
        var options = new LlmTeacherOptions { Model = "base-8b", PricePerMillionInputTokens = 1m };
        var teacher = new LlmTeacher("base-8b", ChatClientFactory.Create(ChatProvider.OpenAI, "base-8b", "k", new Uri(server.BaseUri, "v1"), new HttpClient(), options.Http()), options);
        var answerer = new LlmQuestionAnswerer(teacher, new PromptTemplate("qa-answer", "Q: {{question}}\n{{text}}", "test"), cache);
        var note = new Document("p1", "Creatinine 1.9 mg/dL. Speaks English.");

        var creatinine = await answerer.AnswerAsync("What is the creatinine?", note);
        var english = await answerer.AnswerAsync("Does the patient speak English?", note);
        var again = await answerer.AnswerAsync("What is the creatinine?", note);
        Assert.Equal((AnswerKind.Numeric, 1.9), (creatinine.Kind, creatinine.Value!.Value));
        Assert.Equal(AnswerKind.Yes, english.Kind);
        Assert.Equal(creatinine, again);
        Assert.Equal(2, server.Requests.Count);
        var prompt = JsonDocument.Parse(server.Requests.First().Body).RootElement.GetProperty("messages")[0].GetProperty("content").GetString()!;
        Assert.StartsWith("Q: What is the creatinine?\nCreatinine 1.9", prompt);
        Assert.Equal(0.0006m, answerer.Usage.CostUsd); // three answers of 200 prompt tokens at $1/M, the replay at its original price
    }

    [Fact]
    public async Task A_failed_call_reads_as_not_answerable_with_the_error()
    {
        await using var server = LoopbackServer.Scripted(new LoopbackResponse(401, """{"error":{"message":"bad key"}}"""));
        var options = new LlmTeacherOptions { Model = "m" };
        var teacher = new LlmTeacher("m", ChatClientFactory.Create(ChatProvider.OpenAI, "m", "k", new Uri(server.BaseUri, "v1"), new HttpClient(), options.Http()), options);
        var answer = await new LlmQuestionAnswerer(teacher, new PromptTemplate("qa-answer", "{{question}} {{text}}", "t")).AnswerAsync("Q?", new Document("p", "text"));
        Assert.Equal(AnswerKind.NotAnswerable, answer.Kind);
        Assert.Contains("HTTP 401", answer.Text);
    }
}
