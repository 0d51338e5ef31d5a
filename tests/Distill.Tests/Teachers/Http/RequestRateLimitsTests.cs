using System.Diagnostics;
using Distill.Teachers.Http;

namespace Distill.Tests.Teachers.Http;

/// <summary>
/// The request and token windows (what RequestRateLimiterTests checked of the hand-written limiter). The limiters run
/// on the wall clock, so the window is shortened to one second and only lower bounds on waits are timed (a busy
/// machine makes waits longer, never shorter). "Did not wait" is asserted without a clock: a permit that is free is
/// granted synchronously, so the acquisition's task has already completed when the call returns.
/// </summary>
public sealed class RequestRateLimitsTests
{
    static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Requests_per_minute_are_limited_over_a_sliding_window()
    {
        using var limits = new RequestRateLimits(requestsPerMinute: 2, tokensPerMinute: null, Window);
        var clock = Stopwatch.StartNew();
        Assert.True(limits.AcquireAsync(10, CancellationToken.None).IsCompletedSuccessfully, "the first request waited");
        Assert.True(limits.AcquireAsync(10, CancellationToken.None).IsCompletedSuccessfully, "the second request waited");
        var third = limits.AcquireAsync(10, CancellationToken.None);
        Assert.False(third.IsCompleted, "the third request went inside the window");
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(0.8), $"the third went after {clock.Elapsed.TotalMilliseconds:F0} ms, inside the window");
    }

    [Fact]
    public async Task Tokens_per_minute_are_limited_but_one_oversized_request_may_go_alone()
    {
        using var limits = new RequestRateLimits(requestsPerMinute: null, tokensPerMinute: 1000, Window);
        var clock = Stopwatch.StartNew();
        Assert.True(limits.AcquireAsync(5000, CancellationToken.None).IsCompletedSuccessfully, "the oversized request waited in an empty window");
        var next = limits.AcquireAsync(1, CancellationToken.None);
        Assert.False(next.IsCompleted, "a request went while the oversized one held the whole window");
        await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(0.8), $"went after {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Without_limits_nothing_waits()
    {
        using var limits = new RequestRateLimits(null, null);
        for (var i = 0; i < 1000; i++)
            Assert.True(limits.AcquireAsync(100_000, CancellationToken.None).IsCompletedSuccessfully, $"request {i} waited");
        Assert.True(limits.Unlimited);
    }
}
