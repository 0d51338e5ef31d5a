using System.Text;

namespace Distill.Notebooks;

/// <summary>
/// Collects what one cell execution produces, in order, merging consecutive writes to the same stream into one
/// output (as Jupyter does). Each new output or stream chunk is also passed to <c>onOutput</c>, so the kernel can
/// publish it while the cell is still running. Once closed (the cell finished or was abandoned), later writes from
/// threads the cell left behind are dropped instead of landing in another cell.
/// </summary>
sealed class CellOutputSink(DisplayFormatter formatter, Action<CellOutput>? onOutput)
{
    /// <summary>The formatter of the session the cell runs in (for <see cref="DisplayExtensions.Display{T}"/>).</summary>
    public DisplayFormatter Formatter => formatter;

    readonly object gate = new();
    readonly List<CellOutput> outputs = [];
    readonly StringBuilder openStream = new();
    string? openStreamName;
    bool closed;

    public void Write(string streamName, string text)
    {
        if (text.Length == 0) return;
        lock (gate)
        {
            if (closed) return;
            if (openStreamName != streamName)
            {
                FlushStream();
                openStreamName = streamName;
            }
            openStream.Append(text);
        }
        onOutput?.Invoke(new StreamOutput(streamName, text));
    }

    public void Add(CellOutput output)
    {
        lock (gate)
        {
            if (closed) return;
            FlushStream();
            outputs.Add(output);
        }
        onOutput?.Invoke(output);
    }

    /// <summary>Stops collecting and returns the outputs.</summary>
    public IReadOnlyList<CellOutput> Close()
    {
        lock (gate)
        {
            FlushStream();
            closed = true;
            return outputs.ToList();
        }
    }

    void FlushStream()
    {
        if (openStreamName is not null && openStream.Length > 0)
            outputs.Add(new StreamOutput(openStreamName, openStream.ToString()));
        openStream.Clear();
        openStreamName = null;
    }
}

/// <summary>
/// Sends Console output to the sink of the cell whose code is writing. Console is process-wide, so the writers are
/// installed once; the current cell is an <see cref="AsyncLocal{T}"/> that flows into tasks and threads the cell
/// starts. Code outside any cell (the host, test runners) writes to the original console as before.
/// </summary>
static class ConsoleRouting
{
    static readonly AsyncLocal<CellOutputSink?> current = new();
    static readonly object installGate = new();
    // Console.SetOut wraps writers in a synchronised one, so what Console.Out returns is remembered, not our type.
    static TextWriter? installedOut, installedError;

    public static CellOutputSink? Current
    {
        get => current.Value;
        set => current.Value = value;
    }

    /// <summary>
    /// Installs the routing writers, or re-installs them around whatever writer replaced them since (a host or a
    /// test that redirected Console), so cell output is never lost to someone else's writer. Called per cell.
    /// </summary>
    public static void EnsureInstalled()
    {
        lock (installGate)
        {
            if (!ReferenceEquals(Console.Out, installedOut))
            {
                Console.SetOut(new RoutingWriter("stdout", Console.Out));
                installedOut = Console.Out;
            }
            if (!ReferenceEquals(Console.Error, installedError))
            {
                Console.SetError(new RoutingWriter("stderr", Console.Error));
                installedError = Console.Error;
            }
        }
    }

    sealed class RoutingWriter(string streamName, TextWriter fallback) : TextWriter
    {
        public override Encoding Encoding => fallback.Encoding;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(string? value)
        {
            if (value is null) return;
            if (current.Value is { } sink) sink.Write(streamName, value);
            else fallback.Write(value);
        }

        public override void WriteLine(string? value) => Write((value ?? "") + NewLine);

        public override void Flush()
        {
            if (current.Value is null) fallback.Flush();
        }
    }
}
