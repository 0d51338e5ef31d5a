using System.Globalization;

namespace Distill.Teachers.Llm;

/// <summary>
/// The retry settings of a teacher's HTTP pipeline (<see cref="Http.TeacherHttp"/>, built on Polly): exponential backoff
/// with full jitter, attempt n (0-based) waiting a random time in [<see cref="BaseDelay"/> × 2ⁿ / 2,
/// <see cref="BaseDelay"/> × 2ⁿ], capped at <see cref="MaxDelay"/>; a server's <c>Retry-After</c> is a lower bound.
/// Retried: 408, 429, 500, 502, 503, 504, timeouts and dropped connections.
/// </summary>
/// <param name="MaxRetries">Retries after the first attempt (default 5).</param>
/// <param name="BaseDelay">Delay scale of the first retry (default 1 s).</param>
/// <param name="MaxDelay">Upper bound of one wait, Retry-After included unless <see cref="HonourLongerRetryAfter"/> (default 60 s).</param>
public sealed record RetryPolicy(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static RetryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

    /// <summary>The longest Retry-After ever waited for, even when honoured (a day: anything longer is not a retry).</summary>
    public static readonly TimeSpan LongestRetryAfter = TimeSpan.FromDays(1);

    /// <summary>
    /// Whether a server's Retry-After longer than <see cref="MaxDelay"/> is waited out in full (up to
    /// <see cref="LongestRetryAfter"/>) instead of being cut to the cap (default false: a run never stalls past the cap).
    /// </summary>
    public bool HonourLongerRetryAfter { get; init; }

    public static bool IsRetryableStatus(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    public TimeSpan Delay(int attempt, TimeSpan? retryAfter, Random random)
    {
        // Math.Min before the power: attempt 2000 must not overflow to infinity.
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 62));
        var jittered = Math.Min(exponential * (0.5 + 0.5 * random.NextDouble()), MaxDelay.TotalMilliseconds);
        var server = retryAfter is { } after ? Math.Min(after.TotalMilliseconds, LongestRetryAfter.TotalMilliseconds) : 0;
        if (!HonourLongerRetryAfter) server = Math.Min(server, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Max(jittered, server));
    }

    static readonly string[] HttpDateFormats =
    [
        "r",                                   // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
        "dddd, dd-MMM-yy HH:mm:ss 'GMT'",      // obsolete RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
        "ddd MMM d HH:mm:ss yyyy",             // asctime: Sun Nov  6 08:49:37 1994
    ];

    /// <summary>
    /// Reads a Retry-After header defensively (issue 15: <c>1e309</c> and <c>Infinity</c> threw OverflowException,
    /// <c>NaN</c> ArgumentException): delta-seconds (a finite number; negative means now) or an HTTP date in any of the
    /// three forms RFC 9110 allows (past means now). Huge values are cut to <see cref="LongestRetryAfter"/>. Null if
    /// absent or unreadable.
    /// </summary>
    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (double.IsNaN(seconds)) return null;
            if (seconds <= 0) return TimeSpan.Zero;
            return seconds >= LongestRetryAfter.TotalSeconds ? LongestRetryAfter : TimeSpan.FromSeconds(seconds);
        }
        var normalized = string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries)); // asctime pads the day with a space
        if (DateTimeOffset.TryParseExact(normalized, HttpDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var date)
            || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
        {
            var wait = date - now;
            return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait >= LongestRetryAfter ? LongestRetryAfter : wait;
        }
        return null;
    }
}
