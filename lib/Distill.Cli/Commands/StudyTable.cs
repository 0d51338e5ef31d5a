using System.Globalization;
using Distill.Evaluation;
using Distill.Reporting;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>
/// The closing table of <c>distill reproduce</c> (issue 17): token F1 with its interval, strict F1, seconds and dollars per
/// note per system, under short system names with a legend line, so it fits 100 columns; plain Markdown when the output
/// is not a terminal (a log file, a pipe), where box drawing and colour would only be noise.
/// </summary>
public static class StudyTable
{
    public static void Write(IAnsiConsole console, RunReportResult report, bool? markdown = null)
    {
        var rows = Rows(report).ToList();
        var several = report.Types.Count > 1;
        string[] header = several
            ? ["system", "type", "token F1 (95% CI)", "strict F1", "s / note", "$ / note"]
            : ["system", "token F1 (95% CI)", "strict F1", "s / note", "$ / note"];
        if (markdown ?? Console.IsOutputRedirected)
        {
            // Straight to the output writer: Spectre would wrap long lines at its assumed width, and Markdown must not be wrapped.
            var writer = console.Profile.Out.Writer;
            writer.WriteLine("| " + string.Join(" | ", header) + " |");
            writer.WriteLine("|" + string.Join("|", header.Select((_, i) => i < (several ? 2 : 1) ? " --- " : " ---: ")) + "|");
            foreach (var row in rows) writer.WriteLine("| " + string.Join(" | ", (several ? row : row.Where((_, i) => i != 1)).Select(c => c.Replace("|", "\\|"))) + " |");
            writer.WriteLine();
            writer.WriteLine(Legend(report));
            return;
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded);
            for (var i = 0; i < header.Length; i++)
            {
                var column = new TableColumn(header[i]) { NoWrap = true };
                table.AddColumn(i < (several ? 2 : 1) ? column : column.RightAligned());
            }
            foreach (var row in rows) table.AddRow((several ? row : row.Where((_, i) => i != 1)).Select(Markup.Escape).ToArray());
            console.Write(table);
        }
        console.WriteLine(Legend(report));
    }

    /// <summary>Each system's row: short name, type, token F1 with interval, strict F1, seconds and dollars per note.</summary>
    public static IEnumerable<string[]> Rows(RunReportResult report)
    {
        var costs = report.Costs.ToDictionary(c => c.System);
        // Per entity type; the micro average only when there are several types, the macro one never (it is in the report).
        var token = report.Scores.Where(r => r.Mode == "token" && r.Type != ScoreSummary.MacroAverage
                                             && (r.Type != ScoreSummary.MicroAverage || report.Types.Count > 1));
        foreach (var row in token.OrderBy(r => r.Type == ScoreSummary.MicroAverage).ThenBy(r => r.Type, StringComparer.Ordinal).ThenByDescending(r => r.F1))
        {
            var strict = report.Scores.FirstOrDefault(s => s.Mode == "strict" && s.System == row.System && s.Type == row.Type);
            costs.TryGetValue(row.System, out var cost);
            yield return
            [
                StudySystemNames.Short(row.System), row.Type, ResultTables.FormatWithInterval(row.F1, row.F1Lower, row.F1Upper),
                strict is null ? "" : strict.F1.ToString("F3", CultureInfo.InvariantCulture),
                cost is null ? "" : ReportPage.Seconds(cost.SecondsPerNote), cost is null ? "" : ReportPage.Dollars(cost.CostPerNoteUsd),
            ];
        }
    }

    /// <summary>What the short names stand for, in one line.</summary>
    public static string Legend(RunReportResult report)
    {
        var systems = report.Scores.Select(s => s.System).Distinct().ToList();
        var parts = new[] { StudySystemNames.DistilledStudent, StudySystemNames.GoldStudent, StudySystemNames.Combination }
            .Where(systems.Contains).Select(s => $"{StudySystemNames.Short(s)} = {s}, {StudySystemNames.Describe(s)}").ToList();
        if (systems.Any(StudySystemNames.IsTeacher)) parts.Add("other names: one teacher alone (teacher.<name>)");
        return parts.Count == 0 ? "" : "Legend: " + string.Join("; ", parts) + ".";
    }
}
