namespace Distill.Teachers.Llm;

/// <summary>
/// Settings of one LLM teacher. Defaults follow the reference study (temperature 0.01, top-p 0.9).
/// </summary>
public sealed record LlmTeacherOptions
{
    /// <summary>Model (OpenAI-compatible) or deployment (Azure) name; goes into the cache key.</summary>
    public required string Model { get; init; }

    /// <summary>Which API answers (default OpenAI-compatible); goes into the cache key, as the same model name on two providers is two models.</summary>
    public ChatProvider Provider { get; init; } = ChatProvider.OpenAI;

    /// <summary>The API root (null: api.openai.com); goes into the cache key (a vLLM server and OpenAI may both serve "llama-3").</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>
    /// The model behind an Azure deployment, with its version (e.g. gpt-4o-2024-08-06); goes into the cache key, since a
    /// deployment's name stays when its model is upgraded. Null: not stated.
    /// </summary>
    public string? ModelVersion { get; init; }

    public float Temperature { get; init; } = 0.01f;
    public float TopP { get; init; } = 0.9f;

    /// <summary>
    /// False for models that reject temperature/top-p (o1-style reasoning models): they are then not sent, and
    /// the instruction goes in the user message. Default true.
    /// </summary>
    public bool SupportsSamplingParameters { get; init; } = true;

    /// <summary>Completion token limit per call (default 4096).</summary>
    public int MaxOutputTokens { get; init; } = 4096;

    /// <summary>US dollars per million prompt tokens (default 0: unknown).</summary>
    public decimal PricePerMillionInputTokens { get; init; }

    /// <summary>US dollars per million completion tokens (default 0: unknown).</summary>
    public decimal PricePerMillionOutputTokens { get; init; }

    /// <summary>Longest piece of a note sent in one prompt, in characters (default 12,000 ≈ 3,000 tokens).</summary>
    public int MaxChunkChars { get; init; } = 12_000;

    /// <summary>Time allowed for one HTTP attempt before it counts as a timeout (default 120 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Time allowed for one call with all its retries (default null: every attempt at its timeout and every wait at the cap).</summary>
    public TimeSpan? TotalTimeout { get; init; }

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Client-side requests per minute (default null: no limit).</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Client-side tokens per minute, prompt estimate + max output (default null: no limit).</summary>
    public int? TokensPerMinute { get; init; }

    /// <summary>Seed of the backoff jitter (default 17), so test runs are repeatable.</summary>
    public int JitterSeed { get; init; } = 17;

    /// <summary>The HTTP pipeline settings these options describe (give them to <see cref="ChatClientFactory.Create"/>).</summary>
    public Http.TeacherHttpOptions Http() => new()
    {
        Retry = Retry,
        AttemptTimeout = Timeout,
        TotalTimeout = TotalTimeout,
        RequestsPerMinute = RequestsPerMinute,
        TokensPerMinute = TokensPerMinute,
        JitterSeed = JitterSeed,
    };

    public decimal Cost(int inputTokens, int outputTokens) =>
        (inputTokens * PricePerMillionInputTokens + outputTokens * PricePerMillionOutputTokens) / 1_000_000m;
}
