using System.Diagnostics;
using Distill.Teachers.Http;

namespace Distill.Tests.Teachers.Http;

/// <summary>
/// The request and token windows (what RequestRateLimiterTests checked of the hand-written limiter). The limiters run
/// on the wall clock, so the window is shortened to one second and only lower bounds on waits are asserted (a busy
/// machine makes waits longer, never shorter).
/// </summary>
public sealed class RequestRateLimitsTests
{
    static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Requests_per_minute_are_limited_over_a_sliding_window()
    {
        using var limits = new RequestRateLimits(requestsPerMinute: 2, tokensPerMinute: null, Window);
        var clock = Stopwatch.StartNew();
        await limits.AcquireAsync(10, CancellationToken.None);
        await limits.AcquireAsync(10, CancellationToken.None);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.5), $"the first two waited {clock.Elapsed.TotalMilliseconds:F0} ms");
        await limits.AcquireAsync(10, CancellationToken.None);
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(0.8), $"the third went after {clock.Elapsed.TotalMilliseconds:F0} ms, inside the window");
    }

    [Fact]
    public async Task Tokens_per_minute_are_limited_but_one_oversized_request_may_go_alone()
    {
        using var limits = new RequestRateLimits(requestsPerMinute: null, tokensPerMinute: 1000, Window);
        var clock = Stopwatch.StartNew();
        await limits.AcquireAsync(5000, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.5));
        await limits.AcquireAsync(1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(0.8), $"went after {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Without_limits_nothing_waits()
    {
        using var limits = new RequestRateLimits(null, null);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++) await limits.AcquireAsync(100_000, CancellationToken.None);
        Assert.True(limits.Unlimited);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1));
    }
}
