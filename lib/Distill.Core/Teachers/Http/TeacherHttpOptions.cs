using Distill.Teachers.Llm;

namespace Distill.Teachers.Http;

/// <summary>
/// How a teacher's HTTP calls are made resilient (<see cref="TeacherHttp"/>): retries with backoff and Retry-After,
/// a timeout per attempt and one for the whole call, and client-side request and token limits applied to every
/// attempt. The LLM, Batch and BioPortal clients all go through it.
/// </summary>
public sealed record TeacherHttpOptions
{
    /// <summary>Retries, backoff, the cap on one wait and whether a longer Retry-After is honoured.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Time allowed for one attempt, body included (default 120 s).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Time allowed for the call with all its retries and waits; null (default): every attempt at its timeout plus every
    /// wait at the cap, so only a server that keeps the client waiting longer than that is cut off.
    /// </summary>
    public TimeSpan? TotalTimeout { get; init; }

    /// <summary>Client-side requests per minute over a sliding window, counted per attempt (default null: no limit).</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Client-side tokens per minute (prompt estimate + output allowance), counted per attempt (default null: no limit).</summary>
    public int? TokensPerMinute { get; init; }

    /// <summary>
    /// Whether a POST is retried after a server error, timeout or dropped connection (default true: a chat or annotator
    /// call only reads). False for the Batch API, where a repeated upload or batch creation would be paid twice: then a
    /// POST is retried only on 429, which says the request was not processed.
    /// </summary>
    public bool RetryPosts { get; init; } = true;

    /// <summary>The window of the per-minute limits: a minute, shortened only by tests (the limiters run on the wall clock).</summary>
    internal TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Seed of the backoff jitter (default 17), so runs are repeatable.</summary>
    public int JitterSeed { get; init; } = 17;

    /// <summary>Longest total timeout (Polly's limit for a timeout strategy).</summary>
    public static readonly TimeSpan LongestTotalTimeout = TimeSpan.FromDays(1);

    /// <summary>The total timeout in force: <see cref="TotalTimeout"/>, or every attempt and every capped wait, at most a day.</summary>
    public TimeSpan EffectiveTotalTimeout
    {
        get
        {
            var wait = Retry.HonourLongerRetryAfter ? RetryPolicy.LongestRetryAfter : Retry.MaxDelay;
            var all = TotalTimeout?.TotalSeconds ?? AttemptTimeout.TotalSeconds * (Retry.MaxRetries + 1) + wait.TotalSeconds * Retry.MaxRetries;
            return TimeSpan.FromSeconds(Math.Min(all, LongestTotalTimeout.TotalSeconds));
        }
    }
}
