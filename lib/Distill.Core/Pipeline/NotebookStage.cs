using Distill.Corpora;
using Distill.Notebooks;
using Distill.Reporting;
using Spectre.Console;

namespace Distill.Pipeline;

/// <summary>Executes the repository's notebooks (<c>notebooks/*.ipynb</c>, in name order) into a folder.</summary>
public static class NotebookStage
{
    /// <summary>The notebooks that ship with the repository, in reading order.</summary>
    public static IReadOnlyList<string> RepositoryNotebooks() =>
        Directory.GetFiles(Path.Combine(RepositoryData.Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Runs every notebook with the parameters <c>quick</c> and <c>run_dir</c> (a finished run whose results the
    /// notebooks show; empty: they compute their own); stops at the first failing cell with the notebook, cell
    /// and line (the partial notebook is written, as the runner always does). Every notebook declares both.
    /// </summary>
    /// <param name="plotly">Where the notebooks' charts get plotly.js: null inlines a copy in each notebook and export;
    /// a shared file keeps one copy for all of them (a run folder).</param>
    public static async Task<IReadOnlyList<NotebookRunResult>> RunAllAsync(string outputDirectory, bool quick, string? runDirectory = null,
        IAnsiConsole? console = null, PlotlyReference? plotly = null, CancellationToken cancellationToken = default)
    {
        console ??= AnsiConsole.Console;
        var results = new List<NotebookRunResult>();
        var parameters = new Dictionary<string, string>
        {
            ["quick"] = quick ? "true" : "false",
            ["run_dir"] = runDirectory is null ? "" : Path.GetFullPath(runDirectory),
        };
        foreach (var notebook in RepositoryNotebooks())
        {
            cancellationToken.ThrowIfCancellationRequested();
            console.MarkupLine($"running [bold]{Markup.Escape(Path.GetFileName(notebook))}[/]");
            var result = await NotebookRunner.RunAsync(notebook, new NotebookRunOptions(outputDirectory, parameters, Plotly: plotly), null, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            if (result.Error is { } error)
                throw new InvalidOperationException(error.Describe(Path.GetFileName(notebook)) + $" (partial notebook: {result.OutputPath})");
            console.MarkupLine($"  {result.Elapsed.TotalSeconds:F1} s → {Markup.Escape(result.OutputPath)}");
        }
        return results;
    }
}
