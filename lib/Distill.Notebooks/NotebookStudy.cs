using Distill.Pipeline;
using Distill.Runtime;

namespace Distill.Notebooks;

/// <summary>
/// The notebooks' one call for "the study this notebook shows" (issue 14): the finished run <c>run_dir</c> names
/// (<c>distill reproduce</c> executes the notebooks with its own run folder), else the notebooks' own run under
/// <c>results/notebook-study(-quick)</c> if it has finished (00, 03, 04, 05 and 06 share it), else that run, done once
/// here with its progress printed in the cell. Nothing is recomputed for a finished run.
/// </summary>
public static class NotebookStudy
{
    /// <param name="runDirectory">The notebook's <c>run_dir</c> parameter; empty: the notebooks' own run.</param>
    /// <param name="quick">The notebook's <c>quick</c> parameter (the <c>distill reproduce --quick</c> settings).</param>
    public static async Task<StudyRun> OpenOrRunAsync(string? runDirectory, bool quick, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(runDirectory))
            return await StudyRun.OpenAsync(runDirectory, cancellationToken).ConfigureAwait(false);
        var options = StudyRun.NotebookOptions(quick, Path.Combine(DistillPaths.Default.Home, "results"));
        if (await StudyRun.OpenFinishedAsync(options, cancellationToken).ConfigureAwait(false) is { } finished)
            return finished;
        var result = await ReproducePipeline.RunAsync(options, new NotebookStageDisplay(), cancellationToken).ConfigureAwait(false);
        return new StudyRun(result.Run, result.Report);
    }
}
