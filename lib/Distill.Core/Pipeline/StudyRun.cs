using Distill.Reporting;
using Spectre.Console;

namespace Distill.Pipeline;

/// <summary>
/// For notebooks: the report of a finished <c>distill reproduce</c> run when one is named (rebuilt from its
/// folder, no retraining), else a fresh run with the given options. <c>distill reproduce</c> executes the
/// notebooks with its own run folder, so they show its numbers instead of computing them twice.
/// </summary>
public static class StudyRun
{
    public static async Task<RunReportResult> OpenOrRunAsync(string? runDirectory, ReproduceOptions options, IAnsiConsole? console = null, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(runDirectory))
        {
            var folder = new RunFolder(Path.GetFullPath(runDirectory));
            if (!File.Exists(folder.Manifest))
                throw new FileNotFoundException($"'{runDirectory}' is not a finished run: it has no manifest.json. Run distill reproduce first, or leave run_dir empty.", folder.Manifest);
            return await RunReport.BuildAsync(folder, null, cancellationToken).ConfigureAwait(false);
        }
        var result = await ReproducePipeline.RunAsync(options with { RunNotebooks = false }, console, cancellationToken).ConfigureAwait(false);
        return result.Report;
    }
}
