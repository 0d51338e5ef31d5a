namespace Distill.Teachers.Llm;

/// <summary>
/// Client-side limit on requests and tokens per minute (sliding 60-second window), so a run stays under an
/// API's quota instead of collecting 429s. A request that alone exceeds the token limit is let through when
/// the window is empty (otherwise it could never run).
/// </summary>
public sealed class RequestRateLimiter(int? requestsPerMinute, int? tokensPerMinute, TimeProvider? clock = null)
{
    static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    readonly TimeProvider clock = clock ?? TimeProvider.System;
    readonly Queue<(DateTimeOffset At, int Tokens)> sent = new();
    readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>How long a request of <paramref name="tokens"/> must wait at <paramref name="now"/> (zero: it may go).</summary>
    public TimeSpan DelayNeeded(DateTimeOffset now, int tokens)
    {
        lock (sent)
        {
            while (sent.Count > 0 && now - sent.Peek().At >= Window) sent.Dequeue();
            var wait = TimeSpan.Zero;
            if (requestsPerMinute is { } rpm && sent.Count >= rpm)
                wait = sent.ElementAt(sent.Count - rpm).At + Window - now;
            if (tokensPerMinute is { } tpm && sent.Count > 0)
            {
                // Drop the oldest requests until the rest plus this one fit.
                var total = sent.Sum(s => s.Tokens) + tokens;
                foreach (var (at, t) in sent)
                {
                    if (total <= tpm) break;
                    total -= t;
                    var until = at + Window - now;
                    if (until > wait) wait = until;
                }
            }
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
    }

    /// <summary>Waits until a request of <paramref name="tokens"/> fits, then records it.</summary>
    public async Task AcquireAsync(int tokens, CancellationToken cancellationToken = default)
    {
        if (requestsPerMinute is null && tokensPerMinute is null) return;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var wait = DelayNeeded(clock.GetUtcNow(), tokens); wait > TimeSpan.Zero; wait = DelayNeeded(clock.GetUtcNow(), tokens))
                await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
            lock (sent) sent.Enqueue((clock.GetUtcNow(), tokens));
        }
        finally
        {
            gate.Release();
        }
    }
}
