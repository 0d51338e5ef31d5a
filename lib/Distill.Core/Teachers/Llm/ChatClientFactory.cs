using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using OpenAI;
using System.Text.Json;
using Distill.Teachers.Http;
using OpenAI.Chat;

namespace Distill.Teachers.Llm;

/// <summary>Which API a chat teacher talks to.</summary>
public enum ChatProvider
{
    /// <summary>OpenAI or any OpenAI-compatible server (Gemini's compatibility endpoint, vLLM, Ollama).</summary>
    OpenAI,
    /// <summary>An Azure OpenAI resource; the model name is the deployment name.</summary>
    Azure,
}

/// <summary>
/// Makes the chat client of a teacher. The SDK's own retries are switched off: every request goes through the teacher
/// HTTP pipeline (<see cref="TeacherHttp"/>: retries with Retry-After, attempt and total timeouts, request and token
/// limits per attempt), the same one the Batch and BioPortal clients use. An <see cref="HttpClient"/> can be passed as
/// the transport so tests reach a fake server.
/// </summary>
internal static class ChatClientFactory
{
    /// <summary>The transport when none is given: one pooled client for every teacher (connections are recycled every 2 minutes for DNS changes).</summary>
    static readonly Lazy<HttpClient> SharedTransport = new(() => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }));

    /// <param name="provider">OpenAI-compatible or Azure.</param>
    /// <param name="model">Model, or the Azure deployment name.</param>
    /// <param name="apiKey">The key (kept in the client only; never in a cache, log or error).</param>
    /// <param name="endpoint">API root (null: api.openai.com; required for Azure).</param>
    /// <param name="httpClient">Transport (default: a shared pooled client).</param>
    /// <param name="http">Retries, timeouts and limits (default: <see cref="TeacherHttpOptions"/>'s; a teacher's come from <see cref="LlmTeacherOptions.Http"/>).</param>
    /// <param name="clock">Time source of every wait and timeout (tests pass a fake one).</param>
    public static ChatClient Create(ChatProvider provider, string model, string apiKey, Uri? endpoint = null, HttpClient? httpClient = null,
        TeacherHttpOptions? http = null, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        http ??= new TeacherHttpOptions();
        var resilient = TeacherHttp.Create(httpClient ?? SharedTransport.Value, http, clock, EstimateTokensAsync);
        var transport = new HttpClientPipelineTransport(resilient);
        // The pipeline times calls out; the SDK's network timeout only backs it up.
        var networkTimeout = http.EffectiveTotalTimeout + TimeSpan.FromMinutes(1);
        switch (provider)
        {
            case ChatProvider.OpenAI:
            {
                var options = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = networkTimeout, Transport = transport };
                if (endpoint is not null) options.Endpoint = endpoint;
                return new ChatClient(model, new ApiKeyCredential(apiKey), options);
            }
            case ChatProvider.Azure:
            {
                if (endpoint is null) throw new ArgumentException("An Azure OpenAI teacher needs its resource endpoint (https://<name>.openai.azure.com/).", nameof(endpoint));
                var options = new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = networkTimeout, Transport = transport };
                return new AzureOpenAIClient(endpoint, new ApiKeyCredential(apiKey), options).GetChatClient(model);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown provider");
        }
    }

    /// <summary>
    /// Tokens a chat request may use, for the tokens-per-minute limit: its body at ~4 bytes per token (the prompt
    /// dominates it) plus the completion allowance it asks for (max_tokens or max_completion_tokens).
    /// </summary>
    internal static async ValueTask<int> EstimateTokensAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is null) return 1;
        var body = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var output = 0;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
                foreach (var name in new[] { "max_tokens", "max_completion_tokens" })
                    if (json.RootElement.TryGetProperty(name, out var v) && v.TryGetInt32(out var n)) output = Math.Max(output, n);
        }
        catch (JsonException)
        {
            // not a chat body: count its bytes only
        }
        return (int)Math.Min(int.MaxValue, body.Length / 4L + output);
    }
}
