using Distill.Teachers.Http;
using Distill.Teachers.Llm;
using Microsoft.Extensions.Time.Testing;

namespace Distill.Tests.Teachers.Http;

/// <summary>
/// The shared HTTP pipeline against a 127.0.0.1 fake server, on a fake clock: every wait (backoff, Retry-After, rate
/// limit) happens only when the test advances time, so the assertions are about durations, not about how fast this
/// machine is.
/// </summary>
public sealed class TeacherHttpTests
{
    /// <summary>
    /// A fake clock that records the due time of every timer it creates, so a test advances time only once the
    /// pipeline has scheduled the wait it means to end (advancing earlier would skip a timer not yet created and hang).
    /// </summary>
    sealed class RecordingClock(DateTimeOffset start) : TimeProvider
    {
        readonly FakeTimeProvider inner = new(start);
        readonly System.Collections.Concurrent.ConcurrentQueue<TimeSpan> dueTimes = new();

        public RecordingClock() : this(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)) { }

        public void Advance(TimeSpan by) => inner.Advance(by);
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();
        public override long GetTimestamp() => inner.GetTimestamp();
        public override long TimestampFrequency => inner.TimestampFrequency;
        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = inner.CreateTimer(callback, state, dueTime, period);
            dueTimes.Enqueue(dueTime);
            return timer;
        }

        /// <summary>Waits (in real time) until a timer due in <paramref name="from"/>..<paramref name="to"/> has been created.</summary>
        public async Task ScheduledAsync(TimeSpan from, TimeSpan to)
        {
            for (var i = 0; i < 1000; i++)
            {
                if (dueTimes.Any(d => d >= from && d <= to)) return;
                await Task.Delay(10);
            }
            Assert.Fail($"no wait of {from}..{to} was scheduled; timers: {string.Join(", ", dueTimes)}");
        }
    }

    static readonly RetryPolicy Retry = new(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));

    static LoopbackResponse Status(int status, string? retryAfter = null) =>
        new(status, "{}", retryAfter is null ? null : new Dictionary<string, string> { ["Retry-After"] = retryAfter });

    /// <summary>Waits (in real time) until the server has seen <paramref name="count"/> requests.</summary>
    static async Task SeenAsync(LoopbackServer server, int count)
    {
        for (var i = 0; i < 500 && server.Requests.Count < count; i++) await Task.Delay(10);
        Assert.Equal(count, server.Requests.Count);
    }

    /// <summary>Gives the pipeline real time to act (it must not) before the clock moves.</summary>
    static Task Settle() => Task.Delay(150);

    [Theory]
    [InlineData("30", 30)]
    [InlineData("Thu, 01 Jan 2026 12:00:30 GMT", 30)]        // IMF-fixdate, 30 s after the fake clock's start
    [InlineData("Thursday, 01-Jan-26 12:00:30 GMT", 30)]     // RFC 850
    [InlineData("Thu Jan  1 12:00:30 2026", 30)]             // asctime
    [InlineData("1e309", 60)]                                // issue 15: OverflowException; now the 60 s cap
    [InlineData("Infinity", 60)]
    [InlineData("NaN", 0)]                                   // issue 15: ArgumentException; now ignored (backoff only)
    [InlineData("-5", 0)]
    public async Task Retry_After_is_waited_out_on_the_clock_and_never_throws(string header, int seconds)
    {
        var clock = new RecordingClock(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await using var server = LoopbackServer.Scripted(Status(429, header), Status(200));
        using var http = TeacherHttp.Create(new HttpClient(), new TeacherHttpOptions { Retry = Retry }, clock);

        var call = http.GetAsync(server.BaseUri);
        await SeenAsync(server, 1);
        if (seconds > 0) await clock.ScheduledAsync(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(seconds));
        else await clock.ScheduledAsync(TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(10)); // the backoff alone
        if (seconds > 0)
        {
            clock.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1));
            await Settle();
            Assert.Single(server.Requests);
        }
        clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await call.WaitAsync(TimeSpan.FromSeconds(30)); // a bound, so a broken wait fails instead of hanging

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(2, TeacherHttp.AttemptsOf(response));
    }

    [Theory]
    [InlineData(false, 5)]
    [InlineData(true, 30)]
    public async Task The_cap_is_configurable_and_a_longer_server_value_is_honoured_when_asked(bool honour, int seconds)
    {
        var clock = new RecordingClock();
        await using var server = LoopbackServer.Scripted(Status(503, "30"), Status(200));
        var retry = Retry with { MaxDelay = TimeSpan.FromSeconds(5), HonourLongerRetryAfter = honour };
        using var http = TeacherHttp.Create(new HttpClient(), new TeacherHttpOptions { Retry = retry }, clock);

        var call = http.GetAsync(server.BaseUri);
        await SeenAsync(server, 1);
        await clock.ScheduledAsync(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(seconds));
        clock.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1));
        await Settle();
        Assert.Single(server.Requests);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await call.WaitAsync(TimeSpan.FromSeconds(30)); // a bound, so a broken wait fails instead of hanging
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task The_request_limit_counts_every_attempt_not_once_per_call()
    {
        // 2 requests per window; the first call needs two attempts (500, then 200), so the second call must wait for the
        // window (shortened to 1 s: the limiters run on the wall clock). Counted once per call, it would go at once.
        await using var server = LoopbackServer.Scripted(Status(500), Status(200), Status(200));
        var options = new TeacherHttpOptions { Retry = Retry with { BaseDelay = TimeSpan.Zero }, RequestsPerMinute = 2, RateLimitWindow = TimeSpan.FromSeconds(1) };
        using var http = TeacherHttp.Create(new HttpClient(), options);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        (await http.GetAsync(server.BaseUri)).Dispose();
        Assert.Equal(2, server.Requests.Count);
        (await http.GetAsync(server.BaseUri)).Dispose();

        Assert.Equal(3, server.Requests.Count);
        Assert.True(watch.Elapsed > TimeSpan.FromSeconds(0.8), $"the second call went after {watch.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task The_token_limit_holds_a_request_until_the_window_has_room_but_an_oversized_one_may_go_alone()
    {
        await using var server = LoopbackServer.Scripted(Status(200));
        var options = new TeacherHttpOptions { Retry = Retry, TokensPerMinute = 1000, RateLimitWindow = TimeSpan.FromSeconds(1) };
        using var http = TeacherHttp.Create(new HttpClient(), options, tokensOf: (request, _) => ValueTask.FromResult(int.Parse(request.RequestUri!.Query.TrimStart('?'))));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        // alone in the window: goes (bounded, so a request that could never go fails instead of hanging; no upper bound
        // on its time, which a busy machine would break)
        (await http.GetAsync(new Uri(server.BaseUri, "?5000")).WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        Assert.Single(server.Requests);
        (await http.GetAsync(new Uri(server.BaseUri, "?400"))).Dispose();
        Assert.True(watch.Elapsed > TimeSpan.FromSeconds(0.8), $"went after {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task The_total_timeout_ends_a_call_that_keeps_being_told_to_wait()
    {
        var clock = new RecordingClock();
        await using var server = LoopbackServer.Scripted(Status(503, "20"));
        using var http = TeacherHttp.Create(new HttpClient(), new TeacherHttpOptions { Retry = Retry, TotalTimeout = TimeSpan.FromSeconds(30) }, clock);

        var call = http.GetAsync(server.BaseUri);
        await SeenAsync(server, 1);
        await clock.ScheduledAsync(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20));
        clock.Advance(TimeSpan.FromSeconds(20));
        await SeenAsync(server, 2);
        clock.Advance(TimeSpan.FromSeconds(10));

        var e = await Assert.ThrowsAsync<Polly.Timeout.TimeoutRejectedException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(30), e.Timeout);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Without_RetryPosts_a_POST_is_retried_only_on_429()
    {
        var clock = new RecordingClock();
        await using var server = LoopbackServer.Scripted(Status(500), Status(200));
        using var http = TeacherHttp.Create(new HttpClient(), new TeacherHttpOptions { Retry = Retry, RetryPosts = false }, clock);

        using var response = await http.PostAsync(server.BaseUri, new StringContent("{}"));

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Single(server.Requests);
    }
}
