using System.Threading.RateLimiting;

namespace Distill.Teachers.Http;

/// <summary>
/// Client-side requests-per-minute and tokens-per-minute limits over a sliding one-minute window (12 segments), on
/// System.Threading.RateLimiting's <see cref="SlidingWindowRateLimiter"/>, so a run stays under an API's quota instead of
/// collecting 429s. Waiting requests queue oldest first. A request that alone exceeds the token limit takes the whole
/// window (it goes when the window is empty; otherwise it could never run).
/// <para>
/// These windows run on the wall clock: System.Threading.RateLimiting takes no <see cref="TimeProvider"/> (its
/// TryReplenish checks the Stopwatch even with AutoReplenishment off), so tests shorten the window instead of faking time.
/// </para>
/// </summary>
internal sealed class RequestRateLimits : IDisposable
{
    const int Segments = 12;

    readonly SlidingWindowRateLimiter? requests;
    readonly SlidingWindowRateLimiter? tokens;
    readonly int? tokensPerMinute;

    public RequestRateLimits(int? requestsPerMinute, int? tokensPerMinute, TimeSpan? window = null)
    {
        if (requestsPerMinute is < 1) throw new ArgumentOutOfRangeException(nameof(requestsPerMinute), requestsPerMinute, "requests per minute must be at least 1.");
        if (tokensPerMinute is < 1) throw new ArgumentOutOfRangeException(nameof(tokensPerMinute), tokensPerMinute, "tokens per minute must be at least 1.");
        this.tokensPerMinute = tokensPerMinute;
        var span = window ?? TimeSpan.FromMinutes(1);
        requests = requestsPerMinute is { } rpm ? Limiter(rpm, span) : null;
        tokens = tokensPerMinute is { } tpm ? Limiter(tpm, span) : null;
    }

    static SlidingWindowRateLimiter Limiter(int permits, TimeSpan window) => new(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = permits,
        Window = window,
        SegmentsPerWindow = Segments,
        AutoReplenishment = true,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public bool Unlimited => requests is null && tokens is null;

    /// <summary>Waits until one request of <paramref name="tokenCount"/> tokens fits both windows, then counts it.</summary>
    public async Task AcquireAsync(int tokenCount, CancellationToken cancellationToken)
    {
        // Sliding-window permits come back when their segment leaves the window, not when a lease is disposed.
        if (requests is not null) Require(await requests.AcquireAsync(1, cancellationToken).ConfigureAwait(false));
        if (tokens is not null) Require(await tokens.AcquireAsync(Math.Clamp(tokenCount, 1, tokensPerMinute!.Value), cancellationToken).ConfigureAwait(false));
    }

    static void Require(RateLimitLease lease)
    {
        using (lease)
            if (!lease.IsAcquired) throw new InvalidOperationException("the client-side rate limiter refused a request it should have queued.");
    }

    public void Dispose()
    {
        requests?.Dispose();
        tokens?.Dispose();
    }
}
