using System.CommandLine;
using Distill.Reporting;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>`distill report`: rebuilds a run's tables and plots from its saved gold and predictions.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "the run folder's name under --out" };
        var output = new Option<string>("--out") { Description = "results folder", DefaultValueFactory = _ => RunFolder.DefaultResultsFolder };
        var png = new Option<bool>("--png") { Description = "also write the report's figures as PNG files in plots/ (needs Debian's chromium)" };
        var command = new Command("report", "Rebuild a run's tables, error analysis and plots from its saved predictions (no retraining, no teacher calls).");
        command.Arguments.Add(runId);
        command.Options.Add(output);
        command.Options.Add(png);
        command.SetAction((parse, cancellationToken) => ReportConsole.RunAsync("rebuilding report", progress =>
            RunReport.BuildAsync(RunFolder.For(parse.GetValue(output)!, parse.GetValue(runId)!), progress, cancellationToken),
            parse.GetValue(png), cancellationToken));
        return command;
    }
}

/// <summary>Prints a report's headline numbers as Spectre tables.</summary>
internal static class ReportConsole
{
    /// <summary>
    /// Runs <paramref name="build"/> (evaluate or report) under a status line fed by its progress, then shows the result.
    /// Bad input prints one error line and returns 2 (<see cref="CommandErrors"/>): the message names the file, line or field; a stack trace would only hide it.
    /// </summary>
    public static async Task<int> RunAsync(string status, Func<IProgress<string>, Task<RunReportResult>> build, bool png = false, CancellationToken cancellationToken = default)
    {
        var started = DateTime.UtcNow;
        RunReportResult? result = null;
        try
        {
            await AnsiConsole.Status().StartAsync(status, async ctx =>
                result = await build(new Progress<string>(message => ctx.Status(Markup.Escape(message)))));
        }
        catch (Exception e) when (e is KeyNotFoundException || CommandErrors.ExitCodeOf(e) is not null)
        {
            // The CLI's one error policy (CommandErrors): one line, exit 2 for bad input, 1 for a failure outside the program.
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return e is KeyNotFoundException ? CommandErrors.BadInput : CommandErrors.ExitCodeOf(e)!.Value;
        }
        Show(result!, DateTime.UtcNow - started);
        if (png) await ExportPngAsync(result!, cancellationToken);
        return 0;
    }

    /// <summary>Writes the figures as PNGs into plots/, or says in one line why not (no browser installed).</summary>
    public static async Task ExportPngAsync(RunReportResult result, CancellationToken cancellationToken)
    {
        var export = await PlotImages.ExportPngAsync(result.Figures, result.Folder.Plots, cancellationToken: cancellationToken);
        if (export.SkippedBecause is { } why)
            AnsiConsole.MarkupLine($"[yellow]PNG export skipped:[/] {Markup.Escape(why)}.");
        else
            AnsiConsole.MarkupLine($"Wrote {export.Files.Count} PNG figures to [bold]{Markup.Escape(result.Folder.Plots)}[/].");
    }

    public static void Show(RunReportResult result, TimeSpan elapsed)
    {
        var types = result.Types.Append("micro").Append("macro").ToArray();
        var table = new Table().Title($"F1 (95% CI) on {result.Documents} documents").AddColumn("system").AddColumn("level");
        foreach (var t in types) table.AddColumn(new TableColumn(Markup.Escape(t)).RightAligned());
        foreach (var group in result.Scores.GroupBy(s => (s.System, s.Mode)))
        {
            var cells = types.Select(t => group.FirstOrDefault(s => s.Type == t) is { } s
                ? ResultTables.FormatWithInterval(s.F1, s.F1Lower, s.F1Upper) : "");
            table.AddRow([Markup.Escape(group.Key.System), group.Key.Mode, .. cells.Select(Markup.Escape)]);
        }
        AnsiConsole.Write(table);
        if (result.PairedTests.Count > 0)
        {
            var paired = new Table().Title("Paired bootstrap (micro F1)").AddColumns("system", "vs", "level", "difference", "p");
            foreach (var p in result.PairedTests)
                paired.AddRow(Markup.Escape(p.SystemA), Markup.Escape(p.SystemB), p.Mode,
                    Markup.Escape(ResultTables.FormatWithInterval(p.Difference, p.DifferenceLower, p.DifferenceUpper)), $"{p.PValue:F4}");
            AnsiConsole.Write(paired);
        }
        foreach (var sentence in result.CostSentences) AnsiConsole.MarkupLine(Markup.Escape(sentence));
        foreach (var (system, count) in result.ErrorCounts)
            AnsiConsole.MarkupLine($"{Markup.Escape(system)}: {count} entity-level errors exported to errors/{Markup.Escape(system)}.csv");
        AnsiConsole.MarkupLine($"Wrote {result.FilesWritten.Count} files to [bold]{Markup.Escape(result.Folder.Root)}[/] in {elapsed.TotalSeconds:F1} s.");
    }
}
