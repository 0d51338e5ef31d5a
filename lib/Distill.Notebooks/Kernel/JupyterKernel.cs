using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;

namespace Distill.Notebooks.Kernel;

/// <summary>
/// A Jupyter kernel for C# on the same <see cref="NotebookSession"/> as the headless runner, speaking messaging
/// protocol 5.3 over ZeroMQ. Each socket belongs to one thread: the shell thread handles requests in order (it
/// waits while a cell runs), the control thread stays free to interrupt or shut down, the heartbeat thread echoes,
/// and iopub broadcasts are serialised by a lock because outputs arrive from the running cell's thread.
/// Messages with a bad signature are dropped and logged, never executed.
/// </summary>
public sealed class JupyterKernel
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    readonly KernelConnection connection;
    readonly NotebookSession session;
    readonly CodeIntelligence intelligence;
    readonly byte[] key;
    readonly TextWriter log;
    readonly object iopubGate = new();
    readonly CancellationTokenSource stopping = new();
    PublisherSocket? iopub;
    volatile CancellationTokenSource? runningCell;
    int rejectedMessages;

    public JupyterKernel(KernelConnection connection, NotebookSession session, TextWriter? log = null)
    {
        this.connection = connection;
        this.session = session;
        intelligence = new CodeIntelligence(session);
        key = Encoding.UTF8.GetBytes(connection.Key ?? "");
        this.log = log ?? Console.Error;
    }

    /// <summary>Messages dropped because their signature did not match (for tests and diagnostics).</summary>
    public int RejectedMessages => Volatile.Read(ref rejectedMessages);

    /// <summary>Serves until a shutdown_request arrives or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping.Token);
        var stop = linked.Token;
        using (iopub = new PublisherSocket())
        {
            iopub.Options.Linger = TimeSpan.FromSeconds(1);
            iopub.Bind(connection.Address(connection.IopubPort));
            var threads = new[]
            {
                StartThread("shell", () => ServeRouter(connection.ShellPort, HandleShell, stop)),
                StartThread("control", () => ServeRouter(connection.ControlPort, HandleControl, stop)),
                StartThread("stdin", () => ServeRouter(connection.StdinPort, (_, _) => { }, stop)),
                StartThread("heartbeat", () => ServeHeartbeat(stop)),
            };
            Publish("status", new JsonObject { ["execution_state"] = "starting" }, null);
            var warmUp = Task.Run(() => session.WarmUpAsync(stop), CancellationToken.None);
            await Task.Run(() => { foreach (var thread in threads) thread.Join(); }, CancellationToken.None);
            try
            {
                await warmUp;
            }
            catch (OperationCanceledException)
            {
                // shut down before the compiler had started: nothing to wait for
            }
        }
        NetMQConfig.Cleanup(block: false);
    }

    static Thread StartThread(string name, Action body)
    {
        var thread = new Thread(() => body()) { IsBackground = true, Name = $"kernel {name}" };
        thread.Start();
        return thread;
    }

    void ServeRouter(int port, Action<RouterSocket, JupyterMessage> handle, CancellationToken stop)
    {
        using var socket = new RouterSocket();
        socket.Options.Linger = TimeSpan.FromSeconds(1);
        socket.Bind(connection.Address(port));
        NetMQMessage? received = null;
        while (!stop.IsCancellationRequested)
        {
            if (!socket.TryReceiveMultipartMessage(PollInterval, ref received) || received is null)
                continue;
            JupyterMessage message;
            try
            {
                message = JupyterMessage.Parse(received.Select(f => f.ToByteArray()).ToList(), key);
            }
            catch (Exception e)
            {
                // Whatever the bytes are (bad signature, not JSON, a number where a string belongs), a message
                // that cannot be parsed is dropped: an exception escaping this thread would end the process.
                Interlocked.Increment(ref rejectedMessages);
                log.WriteLine($"[kernel] dropped a message on port {port}: {e.Message}");
                continue;
            }
            try
            {
                handle(socket, message);
            }
            catch (Exception e)
            {
                // A bug handling one request must not take the kernel down; the client sees no reply and can retry.
                // Type is safe to read here: Parse checked that msg_type is a string.
                log.WriteLine($"[kernel] error handling {message.Type}: {e}");
            }
        }
    }

    void ServeHeartbeat(CancellationToken stop)
    {
        using var socket = new ResponseSocket();
        socket.Options.Linger = TimeSpan.Zero;
        socket.Bind(connection.Address(connection.HeartbeatPort));
        while (!stop.IsCancellationRequested)
            if (socket.TryReceiveFrameBytes(PollInterval, out var ping))
                socket.SendFrame(ping);
    }

    void HandleShell(RouterSocket shell, JupyterMessage request)
    {
        Publish("status", new JsonObject { ["execution_state"] = "busy" }, request);
        try
        {
            switch (request.Type)
            {
                case "execute_request": Execute(shell, request); break;
                case "kernel_info_request": Reply(shell, request, "kernel_info_reply", KernelInfo()); break;
                case "is_complete_request": Reply(shell, request, "is_complete_reply", IsComplete(request)); break;
                case "complete_request": Reply(shell, request, "complete_reply", Complete(request)); break;
                case "inspect_request": Reply(shell, request, "inspect_reply", Inspect(request)); break;
                case "comm_info_request": Reply(shell, request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() }); break;
                case "history_request": Reply(shell, request, "history_reply", new JsonObject { ["status"] = "ok", ["history"] = new JsonArray() }); break;
                case "shutdown_request": Shutdown(shell, request); break;
                default: log.WriteLine($"[kernel] ignoring {request.Type} on shell"); break;
            }
        }
        finally
        {
            Publish("status", new JsonObject { ["execution_state"] = "idle" }, request);
        }
    }

    void HandleControl(RouterSocket control, JupyterMessage request)
    {
        switch (request.Type)
        {
            case "interrupt_request":
                InterruptRunningCell();
                Reply(control, request, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                break;
            case "shutdown_request":
                Shutdown(control, request);
                break;
            case "kernel_info_request":
                Reply(control, request, "kernel_info_reply", KernelInfo());
                break;
            default:
                log.WriteLine($"[kernel] ignoring {request.Type} on control");
                break;
        }
    }

    void Execute(RouterSocket shell, JupyterMessage request)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        var silent = request.Content["silent"]?.GetValue<bool>() ?? false;
        if (!silent)
            Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = session.ExecutionCount + 1 }, request);
        using var cell = new CancellationTokenSource();
        runningCell = cell;
        CellExecution result;
        try
        {
            result = session.ExecuteAsync(code, silent ? null : output => PublishOutput(output, request), cell.Token).GetAwaiter().GetResult();
        }
        finally
        {
            runningCell = null;
        }
        var reply = new JsonObject { ["execution_count"] = result.ExecutionCount };
        if (result.Outputs.OfType<ErrorOutput>().FirstOrDefault() is { } error)
        {
            reply["status"] = "error";
            reply["ename"] = error.EName;
            reply["evalue"] = error.EValue;
            reply["traceback"] = new JsonArray(error.Traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        }
        else
        {
            reply["status"] = "ok";
            reply["user_expressions"] = new JsonObject();
            reply["payload"] = new JsonArray();
        }
        Reply(shell, request, "execute_reply", reply);
    }

    void PublishOutput(CellOutput output, JupyterMessage parent)
    {
        switch (output)
        {
            case StreamOutput s:
                Publish("stream", new JsonObject { ["name"] = s.Name, ["text"] = s.Text }, parent);
                break;
            case DisplayDataOutput d:
                Publish("display_data", new JsonObject { ["data"] = MimeBundle(d.Data), ["metadata"] = new JsonObject(), ["transient"] = new JsonObject() }, parent);
                break;
            case ExecuteResultOutput r:
                Publish("execute_result", new JsonObject { ["execution_count"] = r.ExecutionCount, ["data"] = MimeBundle(r.Data), ["metadata"] = new JsonObject() }, parent);
                break;
            case ErrorOutput e:
                Publish("error", new JsonObject
                {
                    ["ename"] = e.EName,
                    ["evalue"] = e.EValue,
                    ["traceback"] = new JsonArray(e.Traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
                }, parent);
                break;
        }
    }

    static JsonObject MimeBundle(IReadOnlyDictionary<string, string> data)
    {
        var bundle = new JsonObject();
        foreach (var (mime, value) in data)
            bundle[mime] = mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal) ? JsonNode.Parse(value) : value;
        return bundle;
    }

    JsonObject IsComplete(JupyterMessage request)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        return CodeIntelligence.IsComplete(code)
            ? new JsonObject { ["status"] = "complete" }
            : new JsonObject { ["status"] = "incomplete", ["indent"] = "    " };
    }

    JsonObject Complete(JupyterMessage request)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        var cursor = CodePoints.ToUtf16(code, request.Content["cursor_pos"]?.GetValue<int>() ?? code.Length);
        var completions = intelligence.Complete(code, cursor);
        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray(completions.Matches.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
            ["cursor_start"] = CodePoints.FromUtf16(code, completions.Start),
            ["cursor_end"] = CodePoints.FromUtf16(code, completions.End),
            ["metadata"] = new JsonObject(),
        };
    }

    JsonObject Inspect(JupyterMessage request)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        var cursor = CodePoints.ToUtf16(code, request.Content["cursor_pos"]?.GetValue<int>() ?? code.Length);
        var text = intelligence.Inspect(code, cursor);
        return new JsonObject
        {
            ["status"] = "ok",
            ["found"] = text is not null,
            ["data"] = text is null ? new JsonObject() : new JsonObject { ["text/plain"] = text },
            ["metadata"] = new JsonObject(),
        };
    }

    void Shutdown(RouterSocket socket, JupyterMessage request)
    {
        var restart = request.Content["restart"]?.GetValue<bool>() ?? false;
        InterruptRunningCell();
        Reply(socket, request, "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart });
        stopping.Cancel();
    }

    void InterruptRunningCell()
    {
        try
        {
            runningCell?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The cell finished between reading the field and cancelling: nothing left to interrupt.
        }
    }

    static JsonObject KernelInfo() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = "distill-csharp",
        ["implementation_version"] = typeof(JupyterKernel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0",
        ["language_info"] = new JsonObject
        {
            ["name"] = "csharp",
            ["version"] = "14.0",
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] = "C# (distill): Roslyn scripting with display(...) for DataFrames and Plotly charts",
        ["help_links"] = new JsonArray(),
    };

    void Reply(RouterSocket socket, JupyterMessage request, string type, JsonObject content) =>
        Send(socket, JupyterMessage.Create(type, content, request));

    void Publish(string type, JsonObject content, JupyterMessage? parent)
    {
        var message = JupyterMessage.Create(type, content, parent, identities: [Encoding.UTF8.GetBytes(type)]);
        lock (iopubGate)
            if (iopub is not null) Send(iopub, message);
    }

    void Send(NetMQSocket socket, JupyterMessage message)
    {
        var wire = new NetMQMessage();
        foreach (var frame in message.ToFrames(key)) wire.Append(frame);
        socket.SendMultipartMessage(wire);
    }
}

/// <summary>Jupyter counts cursor positions in Unicode code points; .NET strings index UTF-16 units.</summary>
static class CodePoints
{
    public static int ToUtf16(string text, int codePoints)
    {
        var index = 0;
        for (var seen = 0; seen < codePoints && index < text.Length; seen++)
            index += char.IsSurrogatePair(text, index) ? 2 : 1;
        return index;
    }

    public static int FromUtf16(string text, int index)
    {
        var count = 0;
        for (var i = 0; i < index && i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1) count++;
        return count;
    }
}
