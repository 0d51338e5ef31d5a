using System.Net.Http.Headers;

namespace Distill.Teachers.Http;

/// <summary>
/// The innermost handler of <see cref="TeacherHttp"/>'s pipeline: sends each attempt through the caller's
/// <see cref="HttpClient"/> (a real one, or a test's client for a 127.0.0.1 fake server). An HttpClient sends a request
/// message only once, so every attempt sends a copy (method, URI, headers, buffered body). Counts the attempts of a
/// call and stamps the count on its final response (<see cref="AttemptsHeader"/>) or exception
/// (<see cref="Exception.Data"/>), so a failed labeling can say "after 4 attempts".
/// </summary>
internal sealed class TransportHandler(HttpClient transport) : HttpMessageHandler
{
    /// <summary>Response header (added locally, never sent) with the number of attempts the call made.</summary>
    public const string AttemptsHeader = "X-Distill-Attempts";

    static readonly HttpRequestOptionsKey<int> Attempts = new("distill.attempts");

    /// <summary>The attempts made for a call whose exception this is, or null when it did not pass through here.</summary>
    public static int? AttemptsOf(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x.Data[AttemptsHeader] is int n) return n;
        return null;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.TryGetValue(Attempts, out var previous);
        var attempt = previous + 1;
        request.Options.Set(Attempts, attempt);
        using var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var (name, values) in request.Headers) copy.Headers.TryAddWithoutValidation(name, values);
        if (request.Content is not null)
        {
            var body = new ByteArrayContent(await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            foreach (var (name, values) in request.Content.Headers) body.Headers.TryAddWithoutValidation(name, values);
            copy.Content = body;
        }
        try
        {
            // ResponseContentRead: the body is part of the attempt, so a server that stalls mid-body times out here.
            var response = await transport.SendAsync(copy, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            response.Headers.Remove(AttemptsHeader);
            response.Headers.TryAddWithoutValidation(AttemptsHeader, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return response;
        }
        catch (Exception e)
        {
            e.Data[AttemptsHeader] = attempt;
            throw;
        }
    }
}
