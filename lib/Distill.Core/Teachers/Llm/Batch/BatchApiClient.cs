using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Distill.Teachers.Llm.Batch;

/// <summary>A batch job's state as the service reports it.</summary>
/// <param name="Id">Batch id.</param>
/// <param name="Status">validating, in_progress, finalizing, completed, failed, expired, cancelling, cancelled.</param>
/// <param name="OutputFileId">File with the answers, once completed.</param>
/// <param name="ErrorFileId">File with per-request errors, if any.</param>
internal sealed record BatchStatus(string Id, string Status, string? OutputFileId, string? ErrorFileId)
{
    public bool IsTerminal => Status is "completed" or "failed" or "expired" or "cancelled";
}

/// <summary>Where and how to reach a Batch API: OpenAI (<c>/v1/files</c>, <c>/v1/batches</c>, Bearer key) or Azure OpenAI
/// (<c>/openai/files?api-version=…</c>, <c>api-key</c> header).</summary>
internal sealed record BatchAccess(ChatProvider Provider, Uri Endpoint, string ApiKey)
{
    /// <summary>Azure's Batch API version (global batch is GA from 2024-10-21).</summary>
    public const string AzureApiVersion = "2024-10-21";

    /// <summary>
    /// Everything but the key: a record's generated ToString would print it, and a notebook cell that displays a
    /// teacher's access would save the key into the .ipynb (issue 15).
    /// </summary>
    bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Provider = {Provider}, Endpoint = {Endpoint}, ApiKey = {SecretRedaction.Mask}");
        return true;
    }
}

/// <summary>
/// The four calls of the OpenAI / Azure OpenAI Batch API: upload the JSONL requests file (purpose "batch"),
/// create the batch (24-hour window, half price), read its status, download a result file. Calls go through the
/// teacher HTTP pipeline (<see cref="Http.TeacherHttp"/>) on top of <paramref name="transport"/>, with POSTs retried
/// only on 429: a repeated upload or batch creation after a timeout could be paid twice. Errors never carry the key.
/// </summary>
/// <param name="transport">HTTP transport (tests pass one that reaches a loopback server).</param>
/// <param name="access">Endpoint and key.</param>
/// <param name="retry">Retry settings (default <see cref="RetryPolicy.Default"/>).</param>
/// <param name="clock">Time source of the pipeline's waits and timeouts.</param>
internal sealed class BatchApiClient(HttpClient transport, BatchAccess access, RetryPolicy? retry = null, TimeProvider? clock = null)
{
    readonly HttpClient http = Http.TeacherHttp.Create(transport, new Http.TeacherHttpOptions { Retry = retry ?? RetryPolicy.Default, RetryPosts = false }, clock);

    /// <summary>The chat endpoint named in each request line and in the batch.</summary>
    public string ChatUrl => access.Provider == ChatProvider.Azure ? "/chat/completions" : "/v1/chat/completions";

    public async Task<string> UploadAsync(string jsonl, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("batch"), "purpose" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(jsonl));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
        form.Add(file, "file", "requests.jsonl");
        var json = await SendAsync(HttpMethod.Post, "files", form, cancellationToken).ConfigureAwait(false);
        return Field(json, "id");
    }

    public async Task<BatchStatus> CreateAsync(string inputFileId, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["input_file_id"] = inputFileId, ["endpoint"] = ChatUrl, ["completion_window"] = "24h" };
        var json = await SendAsync(HttpMethod.Post, "batches", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken).ConfigureAwait(false);
        return Status(json);
    }

    public async Task<BatchStatus> GetAsync(string batchId, CancellationToken cancellationToken = default) =>
        Status(await SendAsync(HttpMethod.Get, $"batches/{Uri.EscapeDataString(batchId)}", null, cancellationToken).ConfigureAwait(false));

    public Task<string> DownloadAsync(string fileId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"files/{Uri.EscapeDataString(fileId)}/content", null, cancellationToken);

    async Task<string> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        var uri = access.Provider == ChatProvider.Azure
            ? new Uri(access.Endpoint, $"openai/{path}?api-version={BatchAccess.AzureApiVersion}")
            : new Uri(WithSlash(access.Endpoint), path);
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        if (access.Provider == ChatProvider.Azure) request.Headers.Add("api-key", access.ApiKey);
        else request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access.ApiKey);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException(
                SecretRedaction.Redact($"Batch API {method} {uri.AbsolutePath}: HTTP {(int)response.StatusCode}: {text}", access.ApiKey), null, response.StatusCode);
        return text;
    }

    static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    string Field(string json, string name)
    {
        using var document = Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException(SecretRedaction.Redact($"Batch API answer has no string '{name}': {Clip(json)}", access.ApiKey));
    }

    JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(SecretRedaction.Redact($"Batch API answer is not JSON ({e.Message}): {Clip(json)}", access.ApiKey), e);
        }
    }

    static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "...";

    BatchStatus Status(string json)
    {
        using var document = Parse(json);
        var root = document.RootElement;
        string? Optional(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new BatchStatus(Field(json, "id"), Field(json, "status"), Optional("output_file_id"), Optional("error_file_id"));
    }
}
