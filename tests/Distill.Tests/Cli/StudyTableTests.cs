using Distill.Cli.Commands;
using Distill.Reporting;
using Distill.Tests.Reporting;
using Spectre.Console;

namespace Distill.Tests.Cli;

public sealed class StudyTableTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("distill-table-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    static (IAnsiConsole Console, StringWriter Text) Console(int width)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return (console, text);
    }

    [Fact]
    public async Task The_closing_table_fits_100_columns_with_whole_short_names_and_a_legend()
    {
        var report = await SyntheticStudyRun.CreateAsync(root);
        var (console, text) = Console(100);

        StudyTable.Write(console, report, markdown: false);

        var lines = text.ToString().Split('\n');
        Assert.All(lines, l => Assert.True(l.TrimEnd('\r').Length <= 100, $"{l.Length} columns: {l}"));
        // Every system on one line of its own, its short name whole (issue 17: "teacher.sim / ulated-reca / ll-heavy").
        foreach (var name in new[] { "student", "combination", "dictionary", "mesh" })
            Assert.Contains(lines, l => l.Contains($" {name} ", StringComparison.Ordinal) && l.Contains('('));
        Assert.Contains(lines, l => l.StartsWith("Legend: student = student.distilled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redirected_output_gets_plain_markdown()
    {
        var report = await SyntheticStudyRun.CreateAsync(root);
        var (console, text) = Console(40);

        StudyTable.Write(console, report, markdown: true);

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("| system | token F1 (95% CI) | strict F1 | s / note | $ / note |", lines[0]);
        Assert.Equal("| --- | ---: | ---: | ---: | ---: |", lines[1]);
        Assert.Equal(4, lines.Count(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| system", StringComparison.Ordinal) && !l.StartsWith("| ---", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains('─') || l.Contains('│'));
        var student = report.Scores.Single(s => s.System == StudySystemNames.DistilledStudent && s.Mode == "token" && s.Type == "disease");
        Assert.Contains(lines, l => l.StartsWith($"| student | {ResultTables.FormatWithInterval(student.F1, student.F1Lower, student.F1Upper)} |", StringComparison.Ordinal));
    }
}
