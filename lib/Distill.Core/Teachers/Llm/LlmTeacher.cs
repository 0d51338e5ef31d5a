using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.Corpora;
using OpenAI.Chat;

namespace Distill.Teachers.Llm;

/// <summary>
/// A teacher backed by a chat-completions model (OpenAI, Azure OpenAI, or any OpenAI-compatible server:
/// Gemini's compatibility endpoint, vLLM, Ollama). For each entity type it renders that type's prompt
/// template, sends the note (in chunks when long), parses the JSON list of mentions and maps each mention to
/// every occurrence in the text.
/// <para>
/// It talks through the OpenAI client's protocol method (the JSON request and response are ours), so the raw
/// answer is always kept, a malformed body (not JSON, or JSON of another shape) becomes a failed labeling with its
/// text, and o1-style models get no temperature/top-p. Retries (backoff with jitter, Retry-After), timeouts and the
/// request/token limits live in the client's HTTP pipeline (<see cref="Http.TeacherHttp"/>, made by
/// <see cref="ChatClientFactory"/>), shared with the Batch and BioPortal clients and testable on a fake server.
/// Secrets that reach an error or a raw answer (a 401 echoing part of the key) are redacted before they are kept.
/// </para>
/// </summary>
internal sealed class LlmTeacher : ICacheableTeacher
{
    readonly ChatClient? client;
    readonly string? clientError;
    readonly LlmTeacherOptions options;
    readonly Func<string, PromptTemplate> prompts;
    readonly Dictionary<string, PromptTemplate> promptCache = new();

    /// <param name="name">Teacher name (cache key, tables).</param>
    /// <param name="client">The chat client (see <see cref="ChatClientFactory"/>); null with <paramref name="clientError"/> when it could not be made (e.g. no API key): then only cached answers can be used.</param>
    /// <param name="options">Model, sampling, price, limits.</param>
    /// <param name="prompts">Prompt template per entity type (default: the latest in the repository's prompts/ folder).</param>
    /// <param name="clientError">Why there is no client.</param>
    /// <param name="clock">Unused: waits and timeouts run on the clock given to <see cref="ChatClientFactory.Create"/> (kept for source compatibility).</param>
    public LlmTeacher(string name, ChatClient? client, LlmTeacherOptions options, Func<string, PromptTemplate>? prompts = null,
        string? clientError = null, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (client is null && clientError is null) throw new ArgumentException("Give a chat client or the reason there is none.", nameof(client));
        Name = name;
        this.client = client;
        this.clientError = clientError;
        this.options = options;
        this.prompts = prompts ?? (type => PromptTemplate.Latest(type));
        _ = clock;
    }

    public string Name { get; }
    public TeacherKind Kind => TeacherKind.Llm;

    /// <summary>How to reach this teacher's Batch API (set by the teachers file when a key is present); null: no batch mode.</summary>
    public Batch.BatchAccess? BatchAccess { get; init; }
    public LlmTeacherOptions Options => options;

    /// <summary>
    /// A teacher on this one's client (same endpoint, key and HTTP pipeline) with other options and prompts. Issue 19:
    /// the QA generator and answerer reuse a configured teacher at their own sampling settings and prompts.
    /// </summary>
    internal LlmTeacher Derive(string name, LlmTeacherOptions derivedOptions, Func<string, PromptTemplate> derivedPrompts) =>
        new(name, client, derivedOptions, derivedPrompts, clientError) { BatchAccess = null };

    /// <summary>Why this teacher cannot call its model (no key), or null when it can.</summary>
    internal string? ClientError => client is null ? clientError : null;

    /// <summary>One chat call with <paramref name="prompt"/> as the user message, through the resilient pipeline (issue 19).</summary>
    internal Task<CallOutcome> CompleteAsync(string prompt, CancellationToken cancellationToken) =>
        client is null ? throw new InvalidOperationException($"Teacher '{Name}' cannot call its model: {clientError}") : CallAsync(prompt, cancellationToken);

    public PromptTemplate PromptFor(string entityType)
    {
        lock (promptCache)
        {
            if (!promptCache.TryGetValue(entityType, out var template))
                promptCache[entityType] = template = prompts(entityType);
            return template;
        }
    }

    public TeacherFingerprint Fingerprint(string entityType) => new(
        options.Model,
        PromptFor(entityType).Hash,
        JsonSerializer.Serialize(new
        {
            // Issue 15: keys held only the model name, so two providers' or endpoints' answers could replay for each other.
            provider = options.Provider.ToString().ToLowerInvariant(),
            endpoint = EndpointKey(options.Endpoint),
            model_version = options.ModelVersion,
            temperature = options.SupportsSamplingParameters ? options.Temperature : (float?)null,
            top_p = options.SupportsSamplingParameters ? options.TopP : (float?)null,
            max_output_tokens = options.MaxOutputTokens,
            max_chunk_chars = options.MaxChunkChars,
        }),
        UsesNetwork: true);

    /// <summary>The endpoint as it identifies a server: scheme, host, port and path; never a query string (which may hold a key).</summary>
    static string? EndpointKey(Uri? endpoint) =>
        endpoint is null ? null : endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/').ToLowerInvariant();

    public async Task<TeacherLabeling> LabelAsync(Document document, string entityType, CancellationToken cancellationToken = default)
    {
        if (client is null)
            throw new InvalidOperationException($"Teacher '{Name}' cannot call its model: {clientError}");
        var template = PromptFor(entityType);
        var started = Stopwatch.GetTimestamp();
        var chunks = TextChunker.Split(document.Text, options.MaxChunkChars);
        var outcomes = new List<CallOutcome>();
        foreach (var chunk in chunks)
        {
            var outcome = await CallAsync(template.Render(chunk.Text), cancellationToken).ConfigureAwait(false);
            outcomes.Add(outcome);
            if (outcome.Error is not null) break; // the labeling has failed; do not pay for the other chunks
        }
        return Assemble(document, entityType, chunks, outcomes, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Turns the answers for a note's chunks into a labeling: parse, locate, shift offsets, add up tokens and
    /// cost (× <paramref name="priceFactor"/>: 0.5 for the Batch API). Any failed or missing chunk fails the labeling.
    /// </summary>
    internal TeacherLabeling Assemble(Document document, string entityType, IReadOnlyList<TextChunk> chunks, IReadOnlyList<CallOutcome?> outcomes,
        TimeSpan latency, decimal priceFactor = 1m)
    {
        var spans = new List<EntitySpan>();
        var raw = new List<string>();
        int inputTokens = 0, outputTokens = 0, notFound = 0;
        string? error = null;
        for (var i = 0; i < chunks.Count && error is null; i++)
        {
            var chunk = chunks[i];
            var call = i < outcomes.Count ? outcomes[i] : null;
            if (call is null) { error = "no answer for this chunk"; }
            else
            {
                inputTokens += call.InputTokens;
                outputTokens += call.OutputTokens;
                raw.Add(chunks.Count == 1 ? call.Raw : $"--- chunk at offset {chunk.Offset} ---\n{call.Raw}");
                error = call.Error;
                if (error is null)
                {
                    var parsed = MentionParser.Parse(call.Content);
                    if (parsed.Succeeded)
                    {
                        var (found, missing) = MentionLocator.Locate(chunk.Text, parsed.Mentions, entityType, chunk.Offset);
                        spans.AddRange(found);
                        notFound += missing;
                    }
                    else error = $"unparseable answer: {parsed.Error}";
                }
            }
            if (error is not null && chunks.Count > 1) error = $"chunk at offset {chunk.Offset}: {error}";
        }
        var cost = options.Cost(inputTokens, outputTokens) * priceFactor;
        if (error is not null)
            return TeacherLabeling.Failed(this, document, entityType, error, string.Join("\n", raw), latency, inputTokens, outputTokens, cost);
        return new TeacherLabeling(Name, document.Id, entityType, spans.OrderBy(s => s.Start).ToArray(), inputTokens, outputTokens,
            latency, cost, false, null, string.Join("\n", raw))
        { Kind = Kind, MentionsNotFound = notFound };
    }

    /// <summary>What one chat call gave: the message text, usage and raw body, or an error.</summary>
    internal sealed record CallOutcome(string? Content, string Raw, int InputTokens, int OutputTokens, string? Error);

    internal async Task<CallOutcome> CallAsync(string prompt, CancellationToken cancellationToken)
    {
        var body = RequestBody(prompt);
        try
        {
            var result = await client!.CompleteChatAsync(BinaryContent.Create(BinaryData.FromString(body)),
                new RequestOptions { CancellationToken = cancellationToken }).ConfigureAwait(false);
            return ReadResponse(result.GetRawResponse().Content.ToString());
        }
        // Status 0: no HTTP response at all (connection reset or closed by the server, after the pipeline's retries).
        catch (ClientResultException e)
        {
            var response = e.GetRawResponse();
            var raw = SecretRedaction.Redact(response?.Content.ToString() ?? "");
            var attempts = response is not null && response.Headers.TryGetValue("X-Distill-Attempts", out var header)
                && int.TryParse(header, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : Http.TeacherHttp.AttemptsOf(e);
            var message = SecretRedaction.Redact(e.Message);
            return e.Status == 0 ? new CallOutcome(null, raw, 0, 0, $"network error after {attempts} attempts: {message}")
                : RetryPolicy.IsRetryableStatus(e.Status) ? new CallOutcome(null, raw, 0, 0, $"HTTP {e.Status} after {attempts} attempts: {message}")
                : new CallOutcome(null, raw, 0, 0, $"HTTP {e.Status}: {message}");
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            return new CallOutcome(null, "", 0, 0, $"timeout after {e.Timeout.TotalSeconds:0.###} s, {Http.TeacherHttp.AttemptsOf(e)} attempts");
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return new CallOutcome(null, "", 0, 0, $"network error after {Http.TeacherHttp.AttemptsOf(e)} attempts: {SecretRedaction.Redact(e.Message)}");
        }
    }

    /// <summary>The chat-completions request body for one prompt (also a Batch API line's body).</summary>
    internal string RequestBody(string prompt)
    {
        var request = new JsonObject
        {
            ["model"] = options.Model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
        };
        if (options.SupportsSamplingParameters)
        {
            request["temperature"] = options.Temperature;
            request["top_p"] = options.TopP;
            request["max_tokens"] = options.MaxOutputTokens;
        }
        else
        {
            // Reasoning models reject temperature/top_p and max_tokens; they take max_completion_tokens.
            request["max_completion_tokens"] = options.MaxOutputTokens;
        }
        return request.ToJsonString();
    }

    /// <summary>
    /// Reads choices[0].message.content, finish_reason and usage. A body that is not that (not JSON, or JSON of another
    /// shape such as <c>[]</c> or <c>{"choices":["x"]}</c>) is an error outcome, never an exception: issue 15 found a 200
    /// of the wrong shape aborting a whole parallel run.
    /// </summary>
    internal static CallOutcome ReadResponse(string raw)
    {
        try
        {
            using var json = JsonDocument.Parse(raw);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new CallOutcome(null, raw, 0, 0, $"response is a JSON {JsonKind(root)}, not a chat completion object");
            int input = 0, output = 0;
            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                if (usage.TryGetProperty("prompt_tokens", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var pt)) input = pt;
                if (usage.TryGetProperty("completion_tokens", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var ct)) output = ct;
            }
            if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
                return new CallOutcome(null, raw, input, output, "response has no choices");
            var choice = choices[0];
            if (choice.ValueKind != JsonValueKind.Object)
                return new CallOutcome(null, raw, input, output, $"choices[0] is a JSON {JsonKind(choice)}, not an object with a message");
            var content = choice.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty("content", out var text) && text.ValueKind == JsonValueKind.String
                ? text.GetString()
                : null;
            var finish = choice.TryGetProperty("finish_reason", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            if (finish == "length")
                return new CallOutcome(content, content ?? raw, input, output, "truncated answer (finish_reason=length); raise max_output_tokens or lower max_chunk_chars");
            if (content is null)
                return new CallOutcome(null, raw, input, output, $"response has no message content (finish_reason={finish ?? "none"})");
            return new CallOutcome(content, content, input, output, null);
        }
        catch (JsonException e)
        {
            return new CallOutcome(null, raw, 0, 0, $"response body is not JSON: {e.Message}");
        }
    }

    static string JsonKind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();
}
