using Distill.Corpora;
using Distill.Runtime;
using Spectre.Console;

namespace Distill.Teachers.Running;

/// <summary>Runs a <see cref="TeacherRunner"/> with a Spectre.Console progress bar and prints the summary table.</summary>
public static class ConsoleTeacherRun
{
    public static async Task<TeacherRunResult> RunAsync(
        TeacherRunner runner, IReadOnlyList<Document> documents, IReadOnlyList<ITeacher> teachers, IReadOnlyList<string> entityTypes,
        IAnsiConsole? console = null, CancellationToken cancellationToken = default)
    {
        console ??= AnsiConsole.Console;
        TeacherRunResult? result = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("labeling", maxValue: Math.Max(1, documents.Count * teachers.Count * entityTypes.Count));
                // Progress<T> would post to a captured context; update the bar directly (Spectre's tasks are thread-safe).
                var progress = new ImmediateProgress<TeacherRunProgress>(p =>
                {
                    task.Value = p.Done;
                    task.Description = $"labeling ({Markup.Escape(p.Last.Teacher)})";
                });
                result = await runner.RunAsync(documents, teachers, entityTypes, progress, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result!;
    }

    /// <summary>One row per teacher and a total row: labeled, from cache, failed, tokens, cost.</summary>
    public static Table SummaryTable(TeacherRunResult result)
    {
        var table = new Table().AddColumns("teacher", "labeled", "from cache", "failed", "input tokens", "output tokens", "cost (USD)", "spent now (USD)");
        foreach (var teacher in result.Teachers)
            table.AddRow(Cells(Markup.Escape(teacher), result.SummaryOf(teacher)));
        table.AddRow(Cells("[bold]total[/]", result.Summary));
        table.Caption($"wall time {result.Summary.WallTime.TotalSeconds:F1} s");
        return table;
    }

    static string[] Cells(string nameMarkup, TeacherRunSummary s) =>
    [
        nameMarkup, s.Labeled.ToString(), s.FromCache.ToString(), s.Failed.ToString(),
        s.InputTokens.ToString(), s.OutputTokens.ToString(), s.CostUsd.ToString("F4"), s.SpentUsd.ToString("F4"),
    ];
}
