using System.Diagnostics;
using Distill.Pipeline.Events;
using Distill.Reporting;

namespace Distill.Notebooks;

/// <summary>
/// Executes notebooks in order into a folder: the study's last stage (<c>distill reproduce</c> runs
/// <c>notebooks/*.ipynb</c> with its own run folder as <c>run_dir</c>) and <c>distill notebook run</c>.
/// It does not print: each notebook's cells go out as <see cref="StageProgress"/> (one task per notebook), its end as a
/// <see cref="StageMessage"/>, and the caller shows them (the CLI's stage display, or nothing).
/// </summary>
public static class NotebookStage
{
    /// <summary>The stage's name in events and in a run's <c>stages.json</c>.</summary>
    public const string Name = "notebooks";

    /// <summary>The notebooks in a folder (<c>notebooks/*.ipynb</c> of a checkout: <c>DistillPaths.Notebooks</c>), in reading order.</summary>
    public static IReadOnlyList<string> NotebooksIn(string folder) =>
        Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The notebooks that show one study's run: <c>07-adverse-drug-events</c> belongs to the ADE study and
    /// <c>08-synthetic-qa</c> to the synthetic-QA study (each opens or runs its own run); every other notebook shows the
    /// NER distillation study. <c>distill reproduce</c> executes only its own study's notebooks, so a quick NER run does
    /// not also run the other two studies.
    /// </summary>
    public static IReadOnlyList<string> NotebooksOfStudy(string folder, string study) =>
        NotebooksIn(folder).Where(path => StudyOf(Path.GetFileName(path)) == study).ToArray();

    /// <summary>The study a notebook belongs to: <c>ner</c>, <c>ade</c> or <c>qa</c>.</summary>
    public static string StudyOf(string notebookFileName) => notebookFileName switch
    {
        "07-adverse-drug-events.ipynb" => "ade",
        "08-synthetic-qa.ipynb" => "qa",
        _ => "ner",
    };

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
        IProgress<StageEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var results = new List<NotebookRunResult>();
        foreach (var notebook in notebooks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(notebook);
            var cells = progress is null ? null : StageReporting.Immediate<NotebookRunProgress>(cell =>
                progress.Report(new StageProgress(Name, name, $"{name} cell {cell.Cell}/{cell.Cells}", (cell.Cell - 1) / (double)cell.Cells)));
            var result = await NotebookRunner.RunAsync(notebook, options, cells, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            progress?.Report(new StageProgress(Name, name, name, 1));
            if (!result.Succeeded) break;
            progress.Message(Name, $"{name}: {result.Elapsed.TotalSeconds:F1} s → {result.OutputPath}");
        }
        return results;
    }

    /// <summary>
    /// The study's notebook stage: <paramref name="notebooks"/> (the checkout's, <see cref="NotebooksIn"/>) with <c>quick</c>
    /// and <c>run_dir</c> (a finished run whose results they show; null: they open or run the notebooks' own study),
    /// written to <paramref name="outputDirectory"/>. A failing cell throws <see cref="InvalidOperationException"/>
    /// naming the notebook, cell and line, and the partial notebook. Ends with a <see cref="StageCompleted"/> holding the results.
    /// </summary>
    /// <param name="plotly">Where the notebooks' charts get plotly.js: null inlines a copy in each notebook and export;
    /// a shared file keeps one copy for all of them (a run folder's <c>RunLayout.SharedPlotlyFromSubfolder</c>).</param>
    public static async Task<IReadOnlyList<NotebookRunResult>> RunAllAsync(IReadOnlyList<string> notebooks, string outputDirectory, bool quick,
        string? runDirectory = null, PlotlyReference? plotly = null, IProgress<StageEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var options = new NotebookRunOptions(outputDirectory, StudyParameters(quick, runDirectory), Plotly: plotly);
        var results = await RunAsync(notebooks, options, progress, cancellationToken).ConfigureAwait(false);
        if (results.Count > 0 && results[^1] is { Error: { } error } failed)
            throw new InvalidOperationException(error.Describe(Path.GetFileName(failed.SourcePath)) + $" (partial notebook: {failed.OutputPath})");
        progress.Completed(Name, results, clock, resumed: false);
        return results;
    }
}
