using System.Diagnostics;
using System.Text.Json;
using Distill.Corpora;
using Distill.Teachers;
using Distill.Teachers.Cache;
using Distill.Teachers.Llm;
using Distill.Teachers.Running;
using static Distill.Tests.Teachers.Llm.ChatCompletionJson;

namespace Distill.Tests.Teachers.Llm;

/// <summary>The LLM teacher against a fake OpenAI-compatible / Azure server on 127.0.0.1.</summary>
public class LlmTeacherTests
{
    static readonly Document Note = new("n1", "Breast cancer in the mother; the patient has gout. No breast cancer now.");

    static readonly RetryPolicy FastRetry = new(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5));

    static LlmTeacher Teacher(LoopbackServer server, LlmTeacherOptions? options = null, ChatProvider provider = ChatProvider.OpenAI, string model = "gpt-4o-2024-08-06")
    {
        options ??= new LlmTeacherOptions { Model = model, Retry = FastRetry, PricePerMillionInputTokens = 2.50m, PricePerMillionOutputTokens = 10m };
        var endpoint = provider == ChatProvider.OpenAI ? new Uri(server.BaseUri, "v1") : server.BaseUri;
        var client = ChatClientFactory.Create(provider, options.Model, "test-key", endpoint, new HttpClient(), options.Http());
        return new LlmTeacher("gpt-4o", client, options, type => new PromptTemplate(type, "List every " + type + " as JSON.\n{{text}}", "test"));
    }

    static JsonElement Body(LoopbackRequest request) => JsonDocument.Parse(request.Body).RootElement;

    [Fact]
    public async Task Success_maps_every_occurrence_and_accounts_tokens_and_cost()
    {
        await using var server = LoopbackServer.Scripted(LoopbackResponse.Json(Answer("```json\n[\"breast cancer\", \"gout\", \"lupus\"]\n```", 1000, 100)));
        var labeling = await Teacher(server).LabelAsync(Note, "disease");

        Assert.True(labeling.Succeeded, labeling.Error);
        Assert.Equal(["Breast cancer", "gout", "breast cancer"], labeling.Spans.Select(s => s.Text));
        Assert.Equal(1, labeling.MentionsNotFound);
        Assert.Equal((1000, 100), (labeling.InputTokens, labeling.OutputTokens));
        Assert.Equal(0.0035m, labeling.CostUsd); // 1000 × 2.50 / 1e6 + 100 × 10 / 1e6
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.PathAndQuery);
        Assert.Equal("Bearer test-key", request.Headers["Authorization"]);
        var body = Body(request);
        Assert.Equal("gpt-4o-2024-08-06", body.GetProperty("model").GetString());
        Assert.Equal(0.01, body.GetProperty("temperature").GetDouble(), 5);
        Assert.Equal(0.9, body.GetProperty("top_p").GetDouble(), 5);
        Assert.Contains(Note.Text, body.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_delay()
    {
        await using var server = LoopbackServer.Scripted(
            new LoopbackResponse(429, RateLimited, new Dictionary<string, string> { ["Retry-After"] = "1" }),
            LoopbackResponse.Json(Answer("[\"gout\"]")));
        var clock = Stopwatch.StartNew();
        var labeling = await Teacher(server).LabelAsync(Note, "disease");
        Assert.True(labeling.Succeeded, labeling.Error);
        Assert.Equal(2, server.Requests.Count);
        // The backoff alone would wait ~10 ms; Retry-After: 1 makes it wait a second.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"waited only {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Server_errors_are_retried_then_recorded_as_a_failure()
    {
        await using var flaky = LoopbackServer.Scripted(new LoopbackResponse(500, ServerError), new LoopbackResponse(503, ServerError), LoopbackResponse.Json(Answer("[\"gout\"]")));
        Assert.True((await Teacher(flaky).LabelAsync(Note, "disease")).Succeeded);
        Assert.Equal(3, flaky.Requests.Count);

        await using var broken = LoopbackServer.Scripted(new LoopbackResponse(500, ServerError));
        var failed = await Teacher(broken).LabelAsync(Note, "disease");
        Assert.False(failed.Succeeded);
        Assert.Contains("HTTP 500 after 4 attempts", failed.Error);
        Assert.Contains("server had an error", failed.RawResponse);
        Assert.Equal(4, broken.Requests.Count);
    }

    /// <summary>Fails the first send as a reset connection would (HttpListener cannot drop a connection mid-request).</summary>
    sealed class FirstSendFails() : DelegatingHandler(new HttpClientHandler())
    {
        int sends;
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref sends) == 1
                ? throw new HttpRequestException("Connection reset by peer", new IOException("reset"))
                : base.SendAsync(request, cancellationToken);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        // Found by killing a real run against a server that closes its connections: the client reports status 0.
        await using var server = LoopbackServer.Scripted(LoopbackResponse.Json(Answer("[\"gout\"]")));
        var options = new LlmTeacherOptions { Model = "gpt-4o", Retry = FastRetry };
        var client = ChatClientFactory.Create(ChatProvider.OpenAI, "gpt-4o", "k", new Uri(server.BaseUri, "v1"), new HttpClient(new FirstSendFails()), options.Http());
        var labeling = await new LlmTeacher("gpt-4o", client, options, type => new PromptTemplate(type, "{{text}}", "t")).LabelAsync(Note, "disease");
        Assert.True(labeling.Succeeded, labeling.Error);
        Assert.Single(server.Requests); // the first attempt never reached the server
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        await using var server = LoopbackServer.Scripted(new LoopbackResponse(400, """{"error":{"message":"Unsupported parameter: 'temperature'"}}"""));
        var failed = await Teacher(server).LabelAsync(Note, "disease");
        Assert.Contains("HTTP 400", failed.Error);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_timeout_is_retried()
    {
        await using var server = LoopbackServer.Scripted(
            LoopbackResponse.Json(Answer("[\"gout\"]")) with { Delay = TimeSpan.FromSeconds(3) },
            LoopbackResponse.Json(Answer("[\"gout\"]")));
        var options = new LlmTeacherOptions { Model = "gpt-4o", Retry = FastRetry, Timeout = TimeSpan.FromMilliseconds(300) };
        var labeling = await Teacher(server, options).LabelAsync(Note, "disease");
        Assert.True(labeling.Succeeded, labeling.Error);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_malformed_body_is_a_failed_labeling_with_the_raw_text()
    {
        await using var server = LoopbackServer.Scripted(LoopbackResponse.Json("{\"choices\": [ {\"message\": "));
        var labeling = await Teacher(server).LabelAsync(Note, "disease");
        Assert.False(labeling.Succeeded);
        Assert.Contains("not JSON", labeling.Error);
        Assert.Equal("{\"choices\": [ {\"message\": ", labeling.RawResponse);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_answer_without_a_mention_list_is_a_failed_labeling_that_keeps_the_answer()
    {
        await using var server = LoopbackServer.Scripted(LoopbackResponse.Json(Answer("I am sorry, I cannot extract diagnoses.")));
        var labeling = await Teacher(server).LabelAsync(Note, "disease");
        Assert.StartsWith("unparseable answer", labeling.Error);
        Assert.Equal("I am sorry, I cannot extract diagnoses.", labeling.RawResponse);
        Assert.Equal(120, labeling.InputTokens); // billed even though unusable
    }

    [Fact]
    public async Task A_truncated_answer_is_a_failed_labeling()
    {
        await using var server = LoopbackServer.Scripted(LoopbackResponse.Json(Answer("[\"breast cancer\", \"go", finishReason: "length")));
        var labeling = await Teacher(server).LabelAsync(Note, "disease");
        Assert.Contains("truncated", labeling.Error);
        Assert.Equal("[\"breast cancer\", \"go", labeling.RawResponse);
    }

    [Fact]
    public async Task Reasoning_models_get_no_sampling_parameters()
    {
        await using var server = LoopbackServer.Scripted(LoopbackResponse.Json(Answer("[\"gout\"]")));
        var options = new LlmTeacherOptions { Model = "o1-mini-2024-09-12", SupportsSamplingParameters = false, MaxOutputTokens = 2000 };
        await Teacher(server, options).LabelAsync(Note, "disease");
        var body = Body(Assert.Single(server.Requests));
        Assert.False(body.TryGetProperty("temperature", out _));
        Assert.False(body.TryGetProperty("top_p", out _));
        Assert.False(body.TryGetProperty("max_tokens", out _));
        Assert.Equal(2000, body.GetProperty("max_completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Azure_deployments_are_called_by_deployment_path_with_an_api_key_header()
    {
        await using var server = LoopbackServer.Scripted(LoopbackResponse.Json(Answer("[\"gout\"]")));
        var labeling = await Teacher(server, provider: ChatProvider.Azure, model: "gpt4o-study").LabelAsync(Note, "disease");
        Assert.True(labeling.Succeeded, labeling.Error);
        var request = Assert.Single(server.Requests);
        Assert.StartsWith("/openai/deployments/gpt4o-study/chat/completions?api-version=", request.PathAndQuery);
        Assert.Equal("test-key", request.Headers["api-key"]);
    }

    [Fact]
    public async Task Long_notes_are_chunked_and_offsets_map_back_to_the_whole_note()
    {
        var text = string.Join(" ", Enumerable.Range(0, 30).Select(i => $"Visit {i}: gout flare."));
        await using var server = LoopbackServer.Scripted(LoopbackResponse.Json(Answer("[\"gout\"]", 50, 5)));
        var options = new LlmTeacherOptions { Model = "gpt-4o", MaxChunkChars = 100 };
        var labeling = await Teacher(server, options).LabelAsync(new Document("long", text), "disease");
        Assert.True(labeling.Succeeded, labeling.Error);
        Assert.True(server.Requests.Count > 5);
        Assert.Equal(30, labeling.Spans.Count);
        Assert.All(labeling.Spans, s => Assert.Equal("gout", text[s.Start..s.End]));
        Assert.Equal(50 * server.Requests.Count, labeling.InputTokens);
    }

    [Fact]
    public async Task Without_a_client_only_cached_answers_can_be_used()
    {
        var teacher = new LlmTeacher("gpt-4o", null, new LlmTeacherOptions { Model = "gpt-4o" },
            type => new PromptTemplate(type, "{{text}}", "test"), clientError: "environment variable OPENAI_API_KEY is not set");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => teacher.LabelAsync(Note, "disease"));
        Assert.Contains("OPENAI_API_KEY", error.Message);
    }

    [Fact]
    public async Task A_cancelled_run_resumes_from_the_cache_without_asking_again()
    {
        var documents = Enumerable.Range(0, 10).Select(i => new Document($"d{i}", $"Note {i}: gout.")).ToArray();
        using var crash = new CancellationTokenSource();
        await using var server = new LoopbackServer((_, i) =>
        {
            if (i == 3) crash.Cancel(); // Ctrl+C while the 4th request is in flight
            return LoopbackResponse.Json(Answer("[\"gout\"]")) with { Delay = i == 3 ? TimeSpan.FromSeconds(2) : TimeSpan.Zero };
        });
        var path = Path.Combine(TeacherTestData.TempFolder(), "cache.sqlite");
        var teacher = Teacher(server);
        await using (var cache = SqliteTeacherCache.Open(path))
        {
            var runner = new TeacherRunner(cache, new TeacherRunOptions { MaxConcurrency = 1 });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(documents, [teacher], ["disease"], cancellationToken: crash.Token));
            Assert.Equal(3, await cache.CountAsync());
        }
        await using (var cache = SqliteTeacherCache.Open(path))
        {
            var result = await new TeacherRunner(cache, new TeacherRunOptions { MaxConcurrency = 1 }).RunAsync(documents, [teacher], ["disease"]);
            Assert.Equal(10, result.Summary.Labeled);
            Assert.Equal(3, result.Summary.FromCache);
            Assert.Equal(4 + 7, server.Requests.Count); // 3 answered + 1 cut off, then the 7 not yet answered
        }
    }

    [Theory]
    [InlineData("[]", "response is a JSON array")]
    [InlineData("{\"choices\":[\"x\"]}", "choices[0] is a JSON string")]
    [InlineData("{\"choices\":[{\"message\":\"x\"}]}", "no message content")]
    [InlineData("{\"usage\":[],\"choices\":7}", "no choices")]
    [InlineData("\"text\"", "response is a JSON string")]
    public async Task A_200_of_the_wrong_shape_is_a_failed_labeling_and_the_run_goes_on(string body, string expected)
    {
        // Issue 15: [] and {"choices":["x"]} aborted the whole parallel run, uncached, naming no teacher or document.
        await using var server = new LoopbackServer((request, _) => request.Body.Contains("Note 1") ? LoopbackResponse.Json(body) : LoopbackResponse.Json(Answer("[\"gout\"]")));
        var documents = Enumerable.Range(0, 3).Select(i => new Document($"d{i}", $"Note {i}: gout.")).ToArray();
        await using var cache = SqliteTeacherCache.Open(Path.Combine(TeacherTestData.TempFolder(), "c.sqlite"));

        var run = await new TeacherRunner(cache).RunAsync(documents, [Teacher(server)], ["disease"]);

        Assert.Equal((3, 1), (run.Labelings.Count, run.Summary.Failed));
        var failed = Assert.Single(run.Labelings, l => !l.Succeeded);
        Assert.Equal(("gpt-4o", "d1"), (failed.Teacher, failed.DocumentId));
        Assert.Contains(expected, failed.Error);
        Assert.Equal(3, await cache.CountAsync()); // the failure is cached like any other answer
    }

    [Theory]
    [InlineData("1e309")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("-3")]
    public async Task An_absurd_Retry_After_is_waited_at_most_the_cap_instead_of_crashing(string header)
    {
        // Issue 15: 1e309 and Infinity threw OverflowException, NaN ArgumentException, out of the labeling.
        await using var server = LoopbackServer.Scripted(
            new LoopbackResponse(429, RateLimited, new Dictionary<string, string> { ["Retry-After"] = header }),
            LoopbackResponse.Json(Answer("[\"gout\"]")));
        var options = new LlmTeacherOptions { Model = "gpt-4o", Retry = FastRetry with { MaxDelay = TimeSpan.FromMilliseconds(200) } };
        var labeling = await Teacher(server, options).LabelAsync(Note, "disease");
        Assert.True(labeling.Succeeded, labeling.Error);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_401_echoing_part_of_the_key_is_redacted_in_the_error_the_cache_and_the_export()
    {
        // Issue 15: the masked key fragment of a 401 body was stored in the cache and exported.
        const string body = """{"error":{"message":"Incorrect API key provided: sk-test-****6789. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","code":"invalid_api_key"}}""";
        await using var server = LoopbackServer.Scripted(new LoopbackResponse(401, body));
        var folder = TeacherTestData.TempFolder();
        await using var cache = SqliteTeacherCache.Open(Path.Combine(folder, "c.sqlite"));

        var labeling = await new CachedTeacher(Teacher(server), cache).LabelAsync(Note, "disease");

        Assert.Contains("HTTP 401", labeling.Error);
        Assert.DoesNotContain("sk-test", labeling.Error + labeling.RawResponse);
        Assert.Contains(SecretRedaction.Mask, labeling.RawResponse);
        var stored = Assert.Single(await cache.ReadAllAsync());
        Assert.DoesNotContain("6789", stored.Error + stored.RawResponse);
        var export = Path.Combine(folder, "export.jsonl");
        await cache.ExportJsonlAsync(export);
        Assert.DoesNotContain("sk-test", await File.ReadAllTextAsync(export));
    }
}
