using Distill.Reporting;
using Distill.Pipeline.Events;

namespace Distill.Pipeline;

/// <summary>
/// For notebooks: the report of a finished <c>distill reproduce</c> run when one is named (rebuilt from its
/// folder, no retraining), else the run <see cref="ReproduceOptions.RunId"/> names if it has finished (so
/// notebooks that share a run id do not redo it; delete the folder to recompute), else a fresh run.
/// <c>distill reproduce</c> executes the notebooks with its own run folder, so they show its numbers.
/// </summary>
public static class StudyRun
{
    public static async Task<RunReportResult> OpenOrRunAsync(string? runDirectory, ReproduceOptions options, IProgress<StageEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(runDirectory))
        {
            var folder = new RunFolder(Path.GetFullPath(runDirectory));
            if (!File.Exists(folder.Manifest))
                throw new FileNotFoundException($"'{runDirectory}' is not a finished run: it has no manifest.json. Run distill reproduce first, or leave run_dir empty.", folder.Manifest);
            return await RunReport.BuildAsync(folder, null, cancellationToken).ConfigureAwait(false);
        }
        if (options.RunId is { } runId && ReproducePipeline.IsFinished(RunFolder.For(options.ResultsFolder, runId)))
            return await RunReport.BuildAsync(RunFolder.For(options.ResultsFolder, runId), null, cancellationToken).ConfigureAwait(false);
        var result = await ReproducePipeline.RunAsync(options, progress, cancellationToken).ConfigureAwait(false);
        return result.Report;
    }
}
