namespace Distill.Teachers.Llm;

/// <summary>
/// Exponential backoff with full jitter: attempt n (0-based) waits a random time in
/// [<see cref="BaseDelay"/> × 2ⁿ / 2, <see cref="BaseDelay"/> × 2ⁿ], capped at <see cref="MaxDelay"/>; a server's
/// <c>Retry-After</c> is a lower bound. Retried: 408, 429, 500, 502, 503, 504 and timeouts.
/// </summary>
/// <param name="MaxRetries">Retries after the first attempt (default 5).</param>
/// <param name="BaseDelay">Delay scale of the first retry (default 1 s).</param>
/// <param name="MaxDelay">Upper bound of one wait, Retry-After included (default 60 s).</param>
public sealed record RetryPolicy(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static RetryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

    public static bool IsRetryableStatus(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    public TimeSpan Delay(int attempt, TimeSpan? retryAfter, Random random)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, attempt);
        var jittered = exponential * (0.5 + 0.5 * random.NextDouble());
        var ms = Math.Max(jittered, retryAfter?.TotalMilliseconds ?? 0);
        return TimeSpan.FromMilliseconds(Math.Min(ms, MaxDelay.TotalMilliseconds));
    }

    /// <summary>Reads a Retry-After header: delta-seconds or an HTTP date; null if absent or unreadable.</summary>
    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        if (DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date))
            return date > now ? date - now : TimeSpan.Zero;
        return null;
    }
}
