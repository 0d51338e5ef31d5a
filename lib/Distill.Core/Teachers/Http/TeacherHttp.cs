using System.Globalization;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;
using Distill.Teachers.Llm;

namespace Distill.Teachers.Http;

/// <summary>
/// The one HTTP pipeline of the network teachers (issues 14 and 15), as a <see cref="ResilienceHandler"/>
/// (Microsoft.Extensions.Http.Resilience) over a Polly 8 pipeline, outermost first:
/// <list type="number">
/// <item>a total timeout for the call with all its retries (<see cref="TeacherHttpOptions.EffectiveTotalTimeout"/>);</item>
/// <item>retries of 408, 429, 500, 502, 503, 504, dropped connections and attempt timeouts, each wait from
/// <see cref="RetryPolicy.Delay"/> (exponential backoff with jitter, Retry-After read by
/// <see cref="RetryPolicy.ParseRetryAfter"/> and honoured as a lower bound, capped at MaxDelay unless a longer server
/// value is asked for); POSTs only on 429 when <see cref="TeacherHttpOptions.RetryPosts"/> is false;</item>
/// <item>the client's request and token limits (<see cref="RequestRateLimits"/>, System.Threading.RateLimiting), taken
/// for every attempt: a retry is a request the server counts;</item>
/// <item>a timeout per attempt, body included;</item>
/// <item>the caller's <see cref="HttpClient"/> (<see cref="TransportHandler"/>).</item>
/// </list>
/// Every retry wait and timeout runs on the given <see cref="TimeProvider"/>, so tests use a fake clock; the rate limits
/// run on the wall clock (see <see cref="RequestRateLimits"/>).
/// </summary>
internal static class TeacherHttp
{
    /// <summary>
    /// An <see cref="HttpClient"/> that sends through <paramref name="transport"/> with <paramref name="options"/>'
    /// retries, timeouts and limits. <paramref name="tokensOf"/> estimates a request's tokens for the token limit
    /// (default: none counted).
    /// </summary>
    public static HttpClient Create(HttpClient transport, TeacherHttpOptions options, TimeProvider? clock = null,
        Func<HttpRequestMessage, CancellationToken, ValueTask<int>>? tokensOf = null)
    {
        clock ??= TimeProvider.System;
        var limits = new RequestRateLimits(options.RequestsPerMinute, options.TokensPerMinute, options.RateLimitWindow);
        var handler = new ResilienceHandler(Pipeline(options, clock, limits, tokensOf)) { InnerHandler = new TransportHandler(transport) };
        // The pipeline times calls out; HttpClient's own 100 s default would cut a long, legitimate retry sequence.
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    static ResiliencePipeline<HttpResponseMessage> Pipeline(TeacherHttpOptions options, TimeProvider clock, RequestRateLimits limits,
        Func<HttpRequestMessage, CancellationToken, ValueTask<int>>? tokensOf)
    {
        var jitter = new Random(options.JitterSeed);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock };
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.EffectiveTotalTimeout });
        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = options.Retry.MaxRetries,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options.RetryPosts)),
            DelayGenerator = args =>
            {
                var header = args.Outcome.Result?.Headers.NonValidated.TryGetValues("Retry-After", out var values) == true ? values.ToString() : null;
                Random random;
                lock (jitter) random = new Random(jitter.Next());
                return ValueTask.FromResult<TimeSpan?>(options.Retry.Delay(args.AttemptNumber, RetryPolicy.ParseRetryAfter(header, clock.GetUtcNow()), random));
            },
            OnRetry = args =>
            {
                // The failed attempt's response is not returned to anyone: free its connection now.
                args.Outcome.Result?.Dispose();
                return ValueTask.CompletedTask;
            },
        });
        if (!limits.Unlimited)
            builder.AddRateLimiter(new RateLimiterStrategyOptions
            {
                RateLimiter = async args =>
                {
                    var request = args.Context.GetRequestMessage();
                    var tokens = request is not null && tokensOf is not null ? await tokensOf(request, args.Context.CancellationToken).ConfigureAwait(false) : 0;
                    await limits.AcquireAsync(tokens, args.Context.CancellationToken).ConfigureAwait(false);
                    return GrantedLease.Instance;
                },
            });
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout });
        return builder.Build();
    }

    static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, bool retryPosts)
    {
        var safe = retryPosts || context.GetRequestMessage()?.Method != HttpMethod.Post;
        return outcome switch
        {
            { Result: { } response } => RetryPolicy.IsRetryableStatus((int)response.StatusCode) && (safe || (int)response.StatusCode == 429),
            { Exception: TimeoutRejectedException } => safe,
            { Exception: HttpRequestException } => safe,
            _ => false,
        };
    }

    /// <summary>The attempts a call made, from its response (see <see cref="TransportHandler.AttemptsHeader"/>); 1 when unknown.</summary>
    public static int AttemptsOf(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues(TransportHandler.AttemptsHeader, out var values)
        && int.TryParse(values.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 1;

    /// <summary>The attempts a call made before it threw <paramref name="e"/>; 1 when unknown.</summary>
    public static int AttemptsOf(Exception e) => TransportHandler.AttemptsOf(e) ?? 1;

    /// <summary>The lease handed to Polly once <see cref="RequestRateLimits"/> has counted the attempt.</summary>
    sealed class GrantedLease : System.Threading.RateLimiting.RateLimitLease
    {
        public static readonly GrantedLease Instance = new();
        public override bool IsAcquired => true;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
