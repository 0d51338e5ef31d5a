using System.Text.Json;
using Distill.Corpora;
using Distill.Teachers.Cache;
using Distill.Teachers.Llm;
using Distill.Teachers.Llm.Batch;
using Distill.Teachers.Running;
using static Distill.Tests.Teachers.Llm.ChatCompletionJson;

namespace Distill.Tests.Teachers.Llm.Batch;

/// <summary>Batch mode against a loopback server that speaks the OpenAI Batch API (files, batches, output file).</summary>
public class BatchLabelerTests
{
    static readonly Document[] Documents =
    [
        new("a", "Gout flare; history of asthma."),
        new("b", "No complaints."),
        new("c", "Asthma since childhood."),
    ];

    /// <summary>Answers like the real service; the output file answers every uploaded request, one with an error.</summary>
    sealed class FakeBatchService
    {
        public string Uploaded = "";
        public int Polls;

        public LoopbackResponse Respond(LoopbackRequest request, int _)
        {
            switch (request.Method, request.PathAndQuery.Split('?')[0])
            {
                case ("POST", "/v1/files"):
                    Uploaded = request.Body;
                    return LoopbackResponse.Json("""{"id":"file-in","object":"file","purpose":"batch","filename":"requests.jsonl"}""");
                case ("POST", "/v1/batches"):
                    return LoopbackResponse.Json("""{"id":"batch_1","object":"batch","status":"validating","input_file_id":"file-in","output_file_id":null}""");
                case ("GET", "/v1/batches/batch_1"):
                    return ++Polls < 3
                        ? LoopbackResponse.Json("""{"id":"batch_1","object":"batch","status":"in_progress","output_file_id":null}""")
                        : LoopbackResponse.Json("""{"id":"batch_1","object":"batch","status":"completed","output_file_id":"file-out","error_file_id":null}""");
                case ("GET", "/v1/files/file-out/content"):
                    var lines = Uploaded.Split('\n').Where(l => l.StartsWith("{\"custom_id\"")).Select(l =>
                    {
                        using var json = JsonDocument.Parse(l);
                        var id = json.RootElement.GetProperty("custom_id").GetString()!;
                        var prompt = json.RootElement.GetProperty("body").GetProperty("messages")[0].GetProperty("content").GetString()!;
                        if (prompt.Contains("No complaints"))
                            return JsonSerializer.Serialize(new { id = "r", custom_id = id, response = new { status_code = 500, body = new { error = new { message = "boom" } } }, error = (object?)null });
                        var answer = prompt.Contains("Gout") ? "[\"Gout\", \"asthma\"]" : "[\"asthma\"]";
                        return JsonSerializer.Serialize(new { id = "r", custom_id = id, response = new { status_code = 200, body = JsonDocument.Parse(Answer(answer, 200, 10)).RootElement }, error = (object?)null });
                    });
                    return LoopbackResponse.Json(string.Join("\n", lines) + "\n");
                default:
                    return new LoopbackResponse(404, "{}");
            }
        }
    }

    [Fact]
    public async Task Submits_polls_downloads_and_merges_answers_into_the_cache_at_half_price()
    {
        var service = new FakeBatchService();
        await using var server = new LoopbackServer(service.Respond);
        var options = new LlmTeacherOptions { Model = "gpt-4o-mini", PricePerMillionInputTokens = 1m, PricePerMillionOutputTokens = 4m };
        var teacher = new LlmTeacher("mini", null, options, type => new PromptTemplate(type, "Diseases:\n{{text}}", "t"), clientError: "batch only");
        var api = new BatchApiClient(new HttpClient(), new BatchAccess(ChatProvider.OpenAI, new Uri(server.BaseUri, "v1"), "k"));
        await using var cache = SqliteTeacherCache.Open(Path.Combine(TeacherTestData.TempFolder(), "c.sqlite"));
        var labeler = new BatchLabeler(teacher, api, cache);

        var batch = await labeler.SubmitAsync(Documents, ["disease"]);
        Assert.Equal("batch_1", batch!.Id);
        Assert.Equal(3, service.Uploaded.Split('\n').Count(l => l.StartsWith("{\"custom_id\"")));
        Assert.Contains("\"url\":\"/v1/chat/completions\"", service.Uploaded);
        Assert.Contains("name=purpose", service.Uploaded);

        var result = await labeler.CollectAsync(batch.Id, Documents, ["disease"], TimeSpan.FromMilliseconds(10));
        Assert.Equal(new BatchRunResult("batch_1", 3, 3, 1, "completed"), result);
        Assert.Equal(3, service.Polls);

        var a = (await cache.LookupAsync(CacheKey.Compute("mini", teacher.Fingerprint("disease"), CacheKey.DocumentHash(Documents[0].Text), "disease")))!;
        Assert.Equal(["Gout", "asthma"], a.Spans.Select(s => s.Text));
        Assert.Equal((200 * 1m + 10 * 4m) / 1_000_000m * 0.5m, a.CostUsd);

        // A normal offline run now replays a and c; b failed in the batch and is replayed as a failure.
        var run = await new TeacherRunner(cache, new TeacherRunOptions { Offline = true }).RunAsync(Documents, [teacher], ["disease"]);
        Assert.Equal((2, 3, 1), (run.Summary.Labeled, run.Summary.FromCache, run.Summary.Failed));

        // Nothing left to ask for except the failure, which a new batch retries.
        var (_, requests) = await labeler.BuildRequestsAsync(Documents, ["disease"]);
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task Azure_batches_use_the_openai_paths_with_an_api_version_and_key_header()
    {
        await using var server = new LoopbackServer((_, _) => LoopbackResponse.Json("""{"id":"batch_9","status":"in_progress"}"""));
        var api = new BatchApiClient(new HttpClient(), new BatchAccess(ChatProvider.Azure, server.BaseUri, "azure-key"));
        var status = await api.GetAsync("batch_9");
        Assert.False(status.IsTerminal);
        var request = Assert.Single(server.Requests);
        Assert.Equal($"/openai/batches/batch_9?api-version={BatchAccess.AzureApiVersion}", request.PathAndQuery);
        Assert.Equal("azure-key", request.Headers["api-key"]);
        Assert.Equal("/chat/completions", api.ChatUrl);
    }
}
