using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Distill.Tests.Teachers;

/// <summary>A request the fake server received.</summary>
internal sealed record LoopbackRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>What the fake server answers: status, body, headers, and an optional delay before answering.</summary>
internal sealed record LoopbackResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default)
{
    public static LoopbackResponse Json(string body, int status = 200) => new(status, body);
}

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 (HttpListener) that answers with a scripted function and records every
/// request, standing in for OpenAI-compatible, Azure OpenAI and BioPortal endpoints. Nothing leaves the machine.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    readonly HttpListener listener = new();
    readonly Func<LoopbackRequest, int, LoopbackResponse> respond;
    readonly CancellationTokenSource stop = new();
    readonly Task loop;
    int count;

    public LoopbackServer(Func<LoopbackRequest, int, LoopbackResponse> respond)
    {
        this.respond = respond;
        // Reserve a free port, then hand it to HttpListener (a tiny race, fine on a test machine).
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(LoopAsync);
    }

    /// <summary>Answers the i-th request (0-based) with <paramref name="script"/>[i], repeating the last one.</summary>
    public static LoopbackServer Scripted(params LoopbackResponse[] script) => new((_, i) => script[Math.Min(i, script.Length - 1)]);

    public int Port { get; }
    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");
    public ConcurrentQueue<LoopbackRequest> Requests { get; } = new();

    async Task LoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) when (stop.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            catch (ObjectDisposedException) { return; }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            var request = new LoopbackRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, headers, body);
            Requests.Enqueue(request);
            var response = respond(request, Interlocked.Increment(ref count) - 1);
            if (response.Delay > TimeSpan.Zero)
                await Task.Delay(response.Delay, stop.Token);

            context.Response.StatusCode = response.Status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
                context.Response.Headers[name] = value;
            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, stop.Token);
            context.Response.Close();
        }
        catch (Exception) when (stop.IsCancellationRequested) { }
        catch (HttpListenerException) { } // the client gave up (timeout test)
        catch (IOException) { }
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        listener.Close();
        try { await loop; } catch (Exception) { }
        stop.Dispose();
    }
}
