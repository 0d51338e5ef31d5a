using Distill.Teachers.Llm;

namespace Distill.Tests.Teachers.Llm;

public class RequestRateLimiterTests
{
    [Fact]
    public async Task Requests_per_minute_are_limited_over_a_sliding_window()
    {
        var limiter = new RequestRateLimiter(requestsPerMinute: 2, tokensPerMinute: null);
        await limiter.AcquireAsync(10);
        await limiter.AcquireAsync(10);
        var now = DateTimeOffset.UtcNow;
        Assert.InRange(limiter.DelayNeeded(now, 10).TotalSeconds, 55, 60);
        Assert.Equal(TimeSpan.Zero, limiter.DelayNeeded(now.AddSeconds(61), 10));
    }

    [Fact]
    public async Task Tokens_per_minute_are_limited_but_one_oversized_request_may_go_alone()
    {
        var limiter = new RequestRateLimiter(requestsPerMinute: null, tokensPerMinute: 1000);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(TimeSpan.Zero, limiter.DelayNeeded(now, 5000));
        await limiter.AcquireAsync(600);
        Assert.Equal(TimeSpan.Zero, limiter.DelayNeeded(now, 400));
        Assert.True(limiter.DelayNeeded(now, 401) > TimeSpan.FromSeconds(55));
    }

    [Fact]
    public async Task Without_limits_nothing_waits()
    {
        var limiter = new RequestRateLimiter(null, null);
        for (var i = 0; i < 1000; i++) await limiter.AcquireAsync(100_000);
        Assert.Equal(TimeSpan.Zero, limiter.DelayNeeded(DateTimeOffset.UtcNow, 1));
    }
}
