using Distill.Corpora;
using Distill.IO;
using Distill.Reporting;

namespace Distill.Notebooks;

/// <summary>
/// Executes notebooks in order into a folder: the study's last stage (<c>distill reproduce</c> runs
/// <c>notebooks/*.ipynb</c> with its own run folder as <c>run_dir</c>) and <c>distill notebook run</c>.
/// It does not print: every notebook's start, its cells and its end go out as <see cref="NotebookStageEvent"/>s,
/// and the caller (the CLI) shows them.
/// </summary>
public static class NotebookStage
{
    /// <summary>The notebooks that ship with a repository (<c>notebooks/*.ipynb</c>), in reading order.</summary>
    public static IReadOnlyList<string> RepositoryNotebooks(string repositoryRoot) =>
        Directory.GetFiles(Path.Combine(repositoryRoot, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToArray();

    /// <summary>The two parameters every study notebook declares: <c>quick</c> and <c>run_dir</c> (empty: no run given).</summary>
    public static IReadOnlyDictionary<string, string> StudyParameters(bool quick, string? runDirectory) => new Dictionary<string, string>
    {
        ["quick"] = quick ? "true" : "false",
        ["run_dir"] = runDirectory is null ? "" : Path.GetFullPath(runDirectory),
    };

    /// <summary>
    /// Runs <paramref name="notebooks"/> one after the other with the same options and stops at the first failing
    /// cell: the returned list then ends with the failed notebook's result (its partial notebook is written, as the
    /// runner always does). Bad input (an unreadable notebook, a bad parameter) throws as <see cref="NotebookRunner"/> does.
    /// </summary>
    public static async Task<IReadOnlyList<NotebookRunResult>> RunAsync(IReadOnlyList<string> notebooks, NotebookRunOptions options,
        IProgress<NotebookStageEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var results = new List<NotebookRunResult>();
        for (var i = 0; i < notebooks.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var notebook = notebooks[i];
            var name = Path.GetFileName(notebook);
            var (index, count) = (i + 1, notebooks.Count);
            progress?.Report(new NotebookStageEvent(name, index, count));
            var cells = progress is null ? null : new ImmediateProgress<NotebookRunProgress>(cell => progress.Report(new NotebookStageEvent(name, index, count, Cell: cell)));
            var result = await NotebookRunner.RunAsync(notebook, options, cells, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            progress?.Report(new NotebookStageEvent(name, index, count, Result: result));
            if (!result.Succeeded) break;
        }
        return results;
    }

    /// <summary>
    /// The study's notebook stage: the repository's notebooks with <c>quick</c> and <c>run_dir</c> (a finished run whose
    /// results they show; null: they open or run the shared notebook study), written to <paramref name="outputDirectory"/>.
    /// A failing cell throws <see cref="InvalidOperationException"/> naming the notebook, cell and line, and the partial notebook.
    /// </summary>
    /// <param name="plotly">Where the notebooks' charts get plotly.js: null inlines a copy in each notebook and export;
    /// a shared file keeps one copy for all of them (a run folder).</param>
    public static async Task<IReadOnlyList<NotebookRunResult>> RunAllAsync(string outputDirectory, bool quick, string? runDirectory = null,
        PlotlyReference? plotly = null, IProgress<NotebookStageEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var options = new NotebookRunOptions(outputDirectory, StudyParameters(quick, runDirectory), Plotly: plotly);
        var results = await RunAsync(RepositoryNotebooks(RepositoryData.Root), options, progress, cancellationToken).ConfigureAwait(false);
        if (results.Count > 0 && results[^1] is { Error: { } error } failed)
            throw new InvalidOperationException(error.Describe(Path.GetFileName(failed.SourcePath)) + $" (partial notebook: {failed.OutputPath})");
        return results;
    }
}
