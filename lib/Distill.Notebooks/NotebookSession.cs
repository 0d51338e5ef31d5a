using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;

namespace Distill.Notebooks;

/// <summary>Settings of one C# scripting session (one notebook, or one Jupyter kernel).</summary>
/// <param name="BaseDirectory">Folder <c>#r "relative.dll"</c> and <c>#load</c> resolve against: the notebook's folder.</param>
/// <param name="Name">Shown in error messages and stack traces (the notebook's file name).</param>
/// <param name="NuGet">Where <c>#r "nuget:..."</c> packages are looked up; null means <see cref="NuGetCache.Default"/>.</param>
/// <param name="Display">Rendering settings for rich output.</param>
/// <param name="InterruptGrace">After an interrupt, how long a cell gets to stop on its own (by honouring
/// <see cref="NotebookGlobals.CancellationToken"/>) before the session abandons it and moves on.</param>
public sealed record NotebookSessionOptions(
    string BaseDirectory,
    string Name = "notebook",
    NuGetCache? NuGet = null,
    DisplaySettings? Display = null,
    TimeSpan? InterruptGrace = null);

/// <summary>Where and why a cell failed.</summary>
/// <param name="Line">1-based line within the cell, when known.</param>
/// <param name="SourceLine">That line's text.</param>
/// <param name="Message">Compiler diagnostics or the exception's type and message.</param>
/// <param name="Exception">The exception thrown by the cell's code, when it compiled.</param>
public sealed record CellFailure(int? Line, string? SourceLine, string Message, Exception? Exception);

/// <summary>The result of running one cell.</summary>
/// <param name="ExecutionCount">The cell's execution number (In [n]).</param>
/// <param name="Outputs">Streams, displays, the execute_result and (on failure) the error, in order.</param>
/// <param name="Failure">Null when the cell succeeded.</param>
public sealed record CellExecution(int ExecutionCount, IReadOnlyList<CellOutput> Outputs, CellFailure? Failure)
{
    public bool Succeeded => Failure is null;
}

/// <summary>
/// One C# scripting session on Roslyn (CSharpScript, then ContinueWithAsync per cell): the execution and display
/// core the headless notebook runner and the Jupyter kernel share. Cells see <see cref="NotebookGlobals"/>; their
/// Console output, <c>display(...)</c> calls and trailing expression value come back as nbformat outputs.
/// Cells run one at a time.
/// </summary>
public sealed class NotebookSession
{
    readonly NotebookSessionOptions options;
    readonly NuGetCache nuget;
    readonly DisplayFormatter formatter;
    readonly NotebookGlobals globals;
    readonly InteractiveAssemblyLoader loader = new();
    readonly SemaphoreSlim oneCellAtATime = new(1, 1);
    ScriptOptions scriptOptions;
    ScriptState<object?>? state;

    public NotebookSession(NotebookSessionOptions options)
    {
        this.options = options;
        nuget = options.NuGet ?? NuGetCache.Default();
        formatter = new DisplayFormatter(options.Display);
        globals = new NotebookGlobals(formatter);
        ConsoleRouting.EnsureInstalled();
        // Assemblies the host already loaded (this library, TorchSharp, Plotly.NET, Microsoft.Data.Analysis) are
        // handed to the script loader as they are: a notebook's `#r "../lib/.../Distill.Core.dll"` then binds to the
        // same loaded copy, so a DataFrame made in a cell is the DataFrame type the formatter knows.
        var host = HostAssemblies().ToList();
        foreach (var assembly in host)
            loader.RegisterDependency(assembly);
        var baseDirectory = Path.GetFullPath(options.BaseDirectory);
        var hostByName = host.Where(a => a.GetName().Name is not null)
            .GroupBy(a => a.GetName().Name!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        scriptOptions = ScriptOptions.Default
            .WithReferences(host.Where(a => !string.IsNullOrEmpty(a.Location)))
            .WithImports("System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Threading.Tasks", "Distill.Notebooks")
            .WithMetadataResolver(new HostFirstMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory), hostByName))
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, baseDirectory))
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithAllowUnsafe(false);
    }

    /// <summary>Executions so far, including failed ones (the next cell's number is this plus one).</summary>
    public int ExecutionCount { get; private set; }

    /// <summary>The compilation of all cells run so far (for completion and inspection); null before the first cell.</summary>
    internal Script? LastScript => state?.Script;

    internal ScriptOptions ScriptOptions => scriptOptions;

    /// <summary>
    /// Starts the C# compiler with an empty submission, so the first real cell does not pay the several seconds a
    /// cold Roslyn takes (the kernel calls this while the user is still typing). Does not count as an execution.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        await oneCellAtATime.WaitAsync(cancellationToken);
        try
        {
            state ??= await CSharpScript.Create("", scriptOptions, typeof(NotebookGlobals), loader).RunAsync(globals, cancellationToken: cancellationToken);
        }
        finally
        {
            oneCellAtATime.Release();
        }
    }

    /// <summary>
    /// Compiles and runs one cell. <paramref name="onOutput"/> sees every output as it is produced (stream text
    /// in chunks). Cancelling <paramref name="cancellationToken"/> interrupts the cell: it is signalled through
    /// <see cref="NotebookGlobals.CancellationToken"/> and, if it has not stopped after the grace period, abandoned
    /// (it may keep a thread busy, but the session goes on from the state before it).
    /// </summary>
    public async Task<CellExecution> ExecuteAsync(string code, Action<CellOutput>? onOutput = null, CancellationToken cancellationToken = default)
    {
        await oneCellAtATime.WaitAsync(CancellationToken.None);
        try
        {
            ConsoleRouting.EnsureInstalled();
            var count = ++ExecutionCount;
            var sink = new CellOutputSink(formatter, onOutput);
            var cellPath = Path.Combine(Path.GetFullPath(options.BaseDirectory), $"{options.Name}, cell {count}");
            PreparedCell prepared;
            try
            {
                prepared = CellSource.Prepare(code, nuget);
            }
            catch (CellDirectiveException e)
            {
                return Fail(count, sink, new CellFailure(e.Line, SourceLine(code, e.Line), e.Message, null), "DirectiveError", e.Message);
            }
            if (prepared.NuGetReferences.Count > 0)
                scriptOptions = scriptOptions.AddReferences(prepared.NuGetReferences.Select(p => MetadataReference.CreateFromFile(p)));
            var cellOptions = scriptOptions.WithFilePath(cellPath);

            var run = Task.Run(async () =>
            {
                ConsoleRouting.Current = sink;
                globals.CancellationToken = cancellationToken;
                return state is null
                    ? await CSharpScript.Create(prepared.Code, cellOptions, typeof(NotebookGlobals), loader)
                        .RunAsync(globals, _ => true, cancellationToken)
                    : await state.ContinueWithAsync(prepared.Code, cellOptions, _ => true, cancellationToken);
            }, CancellationToken.None);

            ScriptState<object?> next;
            try
            {
                next = await WaitOrAbandonAsync(run, cancellationToken);
            }
            catch (CompilationErrorException e)
            {
                var failure = CompileFailure(e, code);
                return Fail(count, sink, failure, "CompilationError", FirstLine(failure.Message));
            }
            catch (OperationCanceledException e)
            {
                return Fail(count, sink, new CellFailure(null, null, "The cell was interrupted.", e), "Interrupted", "The cell was interrupted.");
            }
            state = next;
            if (next.Exception is OperationCanceledException interrupted && cancellationToken.IsCancellationRequested)
                return Fail(count, sink, new CellFailure(null, null, "The cell was interrupted.", interrupted), "Interrupted", "The cell was interrupted.");
            if (next.Exception is { } thrown)
                return Fail(count, sink, RuntimeFailure(thrown, cellPath, code), thrown.GetType().Name, thrown.Message);
            if (next.ReturnValue is { } value)
                sink.Add(new ExecuteResultOutput(count, formatter.Format(value)));
            return new CellExecution(count, sink.Close(), null);
        }
        finally
        {
            oneCellAtATime.Release();
        }
    }

    async Task<ScriptState<object?>> WaitOrAbandonAsync(Task<ScriptState<object?>> run, CancellationToken cancellationToken)
    {
        var interrupted = new TaskCompletionSource();
        await using (cancellationToken.Register(() => interrupted.TrySetResult()))
            if (await Task.WhenAny(run, interrupted.Task) == run)
                return await run;
        var grace = Task.Delay(options.InterruptGrace ?? TimeSpan.FromSeconds(2));
        if (await Task.WhenAny(run, grace) == run && run.Status == TaskStatus.RanToCompletion)
            return await run;
        _ = run.ContinueWith(t => t.Exception, TaskScheduler.Default); // observe a late failure of the abandoned cell
        throw new OperationCanceledException(cancellationToken);
    }

    static CellExecution Fail(int count, CellOutputSink sink, CellFailure failure, string name, string value)
    {
        var traceback = new List<string>();
        if (failure.Line is { } line)
            traceback.Add($"line {line}: {failure.SourceLine?.Trim()}");
        traceback.AddRange(failure.Message.Split('\n'));
        sink.Add(new ErrorOutput(name, value, traceback));
        return new CellExecution(count, sink.Close(), failure);
    }

    static CellFailure CompileFailure(CompilationErrorException e, string code)
    {
        var errors = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var first = errors.FirstOrDefault() ?? e.Diagnostics.FirstOrDefault();
        int? line = first is not null && first.Location.IsInSource ? first.Location.GetLineSpan().StartLinePosition.Line + 1 : null;
        var message = string.Join("\n", errors.Select(d =>
            d.Location.IsInSource
                ? $"(line {d.Location.GetLineSpan().StartLinePosition.Line + 1}, column {d.Location.GetLineSpan().StartLinePosition.Character + 1}): error {d.Id}: {d.GetMessage()}"
                : $"error {d.Id}: {d.GetMessage()}"));
        return new CellFailure(line, line is { } l ? SourceLine(code, l) : null, message, null);
    }

    static CellFailure RuntimeFailure(Exception thrown, string cellPath, string code)
    {
        // The innermost frame compiled from this cell gives the line (cells are compiled with debug information).
        var frame = new StackTrace(thrown, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => f.GetFileName() == cellPath && f.GetFileLineNumber() > 0);
        int? line = frame?.GetFileLineNumber();
        var message = $"{thrown.GetType().FullName}: {thrown.Message}\n{thrown.StackTrace}";
        return new CellFailure(line, line is { } l ? SourceLine(code, l) : null, message.TrimEnd(), thrown);
    }

    static string? SourceLine(string code, int line)
    {
        var lines = code.Replace("\r\n", "\n").Split('\n');
        return line >= 1 && line <= lines.Length ? lines[line - 1] : null;
    }

    static string FirstLine(string text) => text.Split('\n')[0];

    /// <summary>This library, everything it references (loaded now if it was not yet), and whatever else the host loaded.</summary>
    static IEnumerable<Assembly> HostAssemblies()
    {
        var library = typeof(NotebookGlobals).Assembly;
        var referenced = library.GetReferencedAssemblies().Select(TryLoad).OfType<Assembly>().ToList();
        // The research library (Distill.Core, which notebook cells `#r` by path) and packages the notebooks use
        // directly but this assembly may not call (the compiler drops unused references).
        Assembly[] forNotebooks =
        [
            typeof(Distill.Corpora.Document).Assembly,
            typeof(Plotly.NET.CSharp.Chart).Assembly, typeof(Plotly.NET.GenericChart).Assembly,
            typeof(Microsoft.Data.Analysis.DataFrame).Assembly, typeof(TorchSharp.torch).Assembly,
            typeof(Microsoft.ML.Tokenizers.Tokenizer).Assembly,
        ];
        return AssemblyLoadContext.Default.Assemblies.Where(a => !a.IsDynamic)
            .Concat(referenced).Concat(forNotebooks).Append(library)
            .DistinctBy(a => a.GetName().Name);
    }

    static Assembly? TryLoad(AssemblyName name)
    {
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null; // a reference the host never needs at run time; notebooks can still #r it themselves
        }
    }
}
