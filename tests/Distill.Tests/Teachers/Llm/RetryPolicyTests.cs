using Distill.Teachers.Llm;

namespace Distill.Tests.Teachers.Llm;

public class RetryPolicyTests
{
    [Fact]
    public void Delays_grow_exponentially_with_jitter_and_are_capped()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        var random = new Random(1);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var delay = policy.Delay(attempt, null, random);
            Assert.InRange(delay.TotalSeconds, Math.Pow(2, attempt) / 2, Math.Pow(2, attempt));
        }
        Assert.Equal(TimeSpan.FromSeconds(10), policy.Delay(8, null, random));
    }

    [Fact]
    public void Retry_After_is_a_lower_bound_in_seconds_or_as_a_date()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.ParseRetryAfter("7", now));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.ParseRetryAfter("Thu, 01 Jan 2026 12:00:30 GMT", now));
        Assert.Null(RetryPolicy.ParseRetryAfter("soon", now));
        var policy = new RetryPolicy(5, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.FromSeconds(7), policy.Delay(0, TimeSpan.FromSeconds(7), new Random(1)));
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(503, true)]
    [InlineData(500, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    public void Only_transient_statuses_are_retried(int status, bool retried) => Assert.Equal(retried, RetryPolicy.IsRetryableStatus(status));

    [Theory]
    [InlineData("1e309")]
    [InlineData("Infinity")]
    [InlineData("999999999999999999999")]
    public void A_huge_Retry_After_is_cut_to_a_day_not_an_overflow(string value) =>
        Assert.Equal(RetryPolicy.LongestRetryAfter, RetryPolicy.ParseRetryAfter(value, DateTimeOffset.UnixEpoch));

    [Theory]
    [InlineData("NaN", null)]
    [InlineData("-Infinity", 0.0)]
    [InlineData("-5", 0.0)]
    [InlineData(" 2.5 ", 2.5)]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT", 0.0)]
    public void Odd_Retry_After_values_parse_defensively(string value, double? seconds) =>
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, RetryPolicy.ParseRetryAfter(value, DateTimeOffset.UnixEpoch.AddDays(1)));

    [Fact]
    public void A_longer_Retry_After_is_cut_to_the_cap_unless_honouring_it_is_asked_for()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.FromSeconds(60), policy.Delay(0, TimeSpan.FromMinutes(5), new Random(1)));
        Assert.Equal(TimeSpan.FromMinutes(5), (policy with { HonourLongerRetryAfter = true }).Delay(0, TimeSpan.FromMinutes(5), new Random(1)));
        Assert.Equal(RetryPolicy.LongestRetryAfter, (policy with { HonourLongerRetryAfter = true }).Delay(0, TimeSpan.MaxValue, new Random(1)));
        Assert.Equal(TimeSpan.FromSeconds(60), policy.Delay(5000, null, new Random(1))); // no overflow at absurd attempt numbers
    }
}
