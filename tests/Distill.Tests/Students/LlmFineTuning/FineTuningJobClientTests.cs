using System.Text.Json;
using Distill.Students.LlmFineTuning;
using Distill.Teachers.Llm;
using Distill.Tests.Teachers;

namespace Distill.Tests.Students.LlmFineTuning;

/// <summary>The fine-tuning job through the OpenAI and Azure OpenAI SDKs, against a fake server on 127.0.0.1.</summary>
public sealed class FineTuningJobClientTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("qa-ft-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    static string Job(string status, string? model = null) => JsonSerializer.Serialize(new
    {
        id = "ftjob-1", @object = "fine_tuning.job", model = "gpt-4o-mini-2024-07-18", created_at = 1735689600, finished_at = (long?)null,
        fine_tuned_model = model, organization_id = "org-1", result_files = Array.Empty<string>(), status, validation_file = "file-2", training_file = "file-1",
        hyperparameters = new { n_epochs = "auto", batch_size = "auto", learning_rate_multiplier = "auto" }, trained_tokens = (int?)null, error = (object?)null, seed = 42,
        estimated_finish = (long?)null, integrations = (object?)null, method = new { type = "supervised" }, metadata = (object?)null,
    });

    static string File(string id) => JsonSerializer.Serialize(new { id, @object = "file", bytes = 12, created_at = 1735689600, filename = "train.jsonl", purpose = "fine-tune", status = "processed" });

    static LoopbackServer Server(List<string> statuses)
    {
        var files = 0;
        var polls = 0;
        return new LoopbackServer((request, _) => request switch
        {
            { Method: "POST", PathAndQuery: var p } when p.Contains("/files") => LoopbackResponse.Json(File($"file-{Interlocked.Increment(ref files)}")),
            { Method: "POST", PathAndQuery: var p } when p.Contains("/fine_tuning/jobs") => LoopbackResponse.Json(Job("validating_files")),
            { Method: "GET", PathAndQuery: var p } when p.Contains("/fine_tuning/jobs/ftjob-1") =>
                LoopbackResponse.Json(statuses[Math.Min(Interlocked.Increment(ref polls) - 1, statuses.Count - 1)] is var s && s == "succeeded" ? Job(s, "ft:gpt-4o-mini:org::abc") : Job(s)),
            _ => new LoopbackResponse(404, """{"error":{"message":"not found"}}"""),
        });
    }

    string Write(string name)
    {
        var path = Path.Combine(folder, name);
        System.IO.File.WriteAllText(path, """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"Yes"}]}""" + "\n");
        return path;
    }

    [Theory]
    [InlineData(ChatProvider.OpenAI)]
    [InlineData(ChatProvider.Azure)]
    public async Task Uploads_creates_polls_and_records_the_model(ChatProvider provider)
    {
        await using var server = Server(["queued", "running", "succeeded"]);
        var endpoint = provider == ChatProvider.OpenAI ? new Uri(server.BaseUri, "v1") : server.BaseUri;
        var client = new FineTuningJobClient(provider, "secret-key", endpoint, new HttpClient());
        var job = await client.StartAsync("gpt-4o-mini-2024-07-18", Write("train.jsonl"), Write("validation.jsonl"), suffix: "qa");
        Assert.Equal(("ftjob-1", "validating_files", "file-1", "file-2"), (job.JobId, job.Status, job.TrainingFileId, job.ValidationFileId));
        var seen = new List<string>();
        var done = await client.WaitAsync(job, TimeSpan.FromMilliseconds(1), new SynchronousProgress<FineTuningJobRecord>(j => seen.Add(j.Status)));
        Assert.Equal(["queued", "running", "succeeded"], seen);
        Assert.Equal("ft:gpt-4o-mini:org::abc", done.FineTunedModel);
        Assert.True(done.IsTerminal);

        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Count(r => r.PathAndQuery.Contains("/files")));
        Assert.Contains("fine-tune", requests.First(r => r.PathAndQuery.Contains("/files")).Body);
        var create = JsonDocument.Parse(requests.Single(r => r.Method == "POST" && r.PathAndQuery.Contains("fine_tuning")).Body).RootElement;
        Assert.Equal(("gpt-4o-mini-2024-07-18", "file-1", "file-2", "qa"),
            (create.GetProperty("model").GetString(), create.GetProperty("training_file").GetString(), create.GetProperty("validation_file").GetString(), create.GetProperty("suffix").GetString()));
        if (provider == ChatProvider.Azure)
        {
            Assert.All(requests, r => Assert.Contains("api-version=", r.PathAndQuery));
            Assert.All(requests, r => Assert.Equal("secret-key", r.Headers["api-key"]));
        }
        else Assert.All(requests, r => Assert.Equal("Bearer secret-key", r.Headers["Authorization"]));
    }

    [Fact]
    public async Task A_refused_upload_is_one_error_without_the_key()
    {
        await using var server = new LoopbackServer((_, _) => new LoopbackResponse(400, """{"error":{"message":"invalid file secret-key"}}"""));
        var client = new FineTuningJobClient(ChatProvider.OpenAI, "secret-key", new Uri(server.BaseUri, "v1"), new HttpClient());
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.StartAsync("m", Write("t.jsonl"), null));
        Assert.Contains("HTTP 400", error.Message);
        Assert.DoesNotContain("secret-key", error.Message);
        Assert.Single(server.Requests); // a POST is not retried on 400
    }

    /// <summary>Progress that reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, so a test could read the list early).</summary>
    sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
