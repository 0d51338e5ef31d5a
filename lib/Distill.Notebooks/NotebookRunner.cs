using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Distill.Reporting;

namespace Distill.Notebooks;

/// <summary>Settings of a headless notebook run.</summary>
/// <param name="OutputDirectory">Where the executed notebook (same file name) and its HTML export go; must not be
/// the notebook's own folder, so a run never overwrites the source.</param>
/// <param name="Parameters">Values injected after the <c>parameters</c> cell (name -> text as typed on the command line).</param>
/// <param name="WriteHtml">Also write a standalone HTML export next to the executed notebook.</param>
/// <param name="Plotly">Where the executed notebook's chart HTML and its export get plotly.js: null inlines one copy in each
/// (the notebook's first chart, the export's head); <see cref="PlotlyReference.Shared"/> points both at one file that
/// notebooks run together share (a run folder).</param>
public sealed record NotebookRunOptions(string OutputDirectory, IReadOnlyDictionary<string, string>? Parameters = null, bool WriteHtml = true,
    PlotlyReference? Plotly = null);

/// <summary>Progress of a run: <paramref name="Cell"/> (1-based, all cells) of <paramref name="Cells"/> is starting.</summary>
public sealed record NotebookRunProgress(string Notebook, int Cell, int Cells);

/// <summary>The failing cell of a run.</summary>
/// <param name="Cell">1-based position in the executed notebook (markdown and injected cells count).</param>
/// <param name="Failure">Line, source line and exception.</param>
public sealed record NotebookCellError(int Cell, CellFailure Failure)
{
    public string Describe(string notebook) =>
        $"{notebook}: cell {Cell} failed" +
        (Failure.Line is { } line ? $" at line {line}: {Failure.SourceLine?.Trim()}" : "") +
        $"\n{Failure.Message}";
}

/// <summary>What a run produced.</summary>
/// <param name="SourcePath">The notebook that ran.</param>
/// <param name="OutputPath">The executed notebook (written even when a cell failed).</param>
/// <param name="HtmlPath">The HTML export, when asked for.</param>
/// <param name="Error">The cell that stopped the run, or null when every cell ran.</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
/// <param name="FirstCellElapsed">Wall time of the first code cell, which includes starting the C# compiler.</param>
public sealed record NotebookRunResult(string SourcePath, string OutputPath, string? HtmlPath, NotebookCellError? Error, TimeSpan Elapsed, TimeSpan FirstCellElapsed)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Runs a notebook top to bottom in one <see cref="NotebookSession"/>, papermill style: parameters injected after
/// the <c>parameters</c> cell, outputs and execution counts recorded, the run stopped at the first failing cell,
/// and the executed (possibly partial) notebook written as nbformat 4 plus an offline HTML export.
/// </summary>
public static class NotebookRunner
{
    public static async Task<NotebookRunResult> RunAsync(
        string notebookPath, NotebookRunOptions options, IProgress<NotebookRunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(notebookPath);
        var name = Path.GetFileName(source);
        var outputDirectory = Path.GetFullPath(options.OutputDirectory);
        if (string.Equals(outputDirectory.TrimEnd('/'), Path.GetDirectoryName(source)!.TrimEnd('/'), StringComparison.Ordinal))
            throw new ArgumentException($"The output folder {outputDirectory} is the notebook's own folder; choose another so {name} is not overwritten.", nameof(options));
        var notebook = NotebookParameters.Inject(NotebookFile.Read(source), options.Parameters ?? new Dictionary<string, string>(), name);

        var session = new NotebookSession(new NotebookSessionOptions(Path.GetDirectoryName(source)!, name, Display: new DisplaySettings(Plotly: options.Plotly)));
        var clock = Stopwatch.StartNew();
        TimeSpan? firstCell = null;
        NotebookCellError? error = null;
        var executed = new List<NotebookCell>(notebook.Cells.Count);
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (!cell.IsCode)
            {
                executed.Add(cell);
                continue;
            }
            if (error is not null || cancellationToken.IsCancellationRequested)
            {
                executed.Add(cell with { ExecutionCount = null, Outputs = [] }); // not run: no stale outputs
                continue;
            }
            progress?.Report(new NotebookRunProgress(name, i + 1, notebook.Cells.Count));
            var cellClock = Stopwatch.StartNew();
            var execution = await session.ExecuteAsync(cell.Source, cancellationToken: cancellationToken);
            firstCell ??= cellClock.Elapsed;
            executed.Add(cell with { ExecutionCount = execution.ExecutionCount, Outputs = execution.Outputs });
            if (execution.Failure is { } failure)
                error = new NotebookCellError(i + 1, failure);
        }
        clock.Stop();

        var metadata = (JsonObject)notebook.Metadata.DeepClone();
        metadata["distill"] = new JsonObject
        {
            ["source"] = name,
            ["finished_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["elapsed_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2),
            ["succeeded"] = error is null,
            ["parameters"] = new JsonObject((options.Parameters ?? new Dictionary<string, string>())
                .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
        };
        var result = notebook with { Metadata = metadata, Cells = executed };
        var outputPath = Path.Combine(outputDirectory, name);
        NotebookFile.Write(outputPath, result);
        string? htmlPath = null;
        if (options.WriteHtml)
        {
            htmlPath = Path.ChangeExtension(outputPath, ".html");
            NotebookHtmlExporter.Write(htmlPath, result, Path.GetFileNameWithoutExtension(name), options.Plotly);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return new NotebookRunResult(source, outputPath, htmlPath, error, clock.Elapsed, firstCell ?? TimeSpan.Zero);
    }
}
