using Distill.Aggregation;
using Distill.Students.Training;
using Distill.Teachers.Running;
using Spectre.Console;

namespace Distill.Cli.Display;

/// <summary>The tables the CLI prints for stage results: the search's choices, a teacher run's summary, a training's epochs.</summary>
public static class StageTables
{
    /// <summary>The reference study's table: per entity type, the chosen combination, its dev scores, cost and why.</summary>
    public static Table Choices(SubsetSearchResult search)
    {
        var table = new Table().AddColumns("entity type", "best combination", "rule", "dev P", "dev R", "dev F1", "cost / note (USD)", "why");
        foreach (var c in search.Choices)
            table.AddRow(Markup.Escape(c.EntityType), Markup.Escape(c.Chosen.Teachers), Markup.Escape(c.Chosen.Rule.Name), $"{c.Chosen.Precision:F3}", $"{c.Chosen.Recall:F3}",
                $"{c.Chosen.F1:F3}", $"{c.Chosen.CostPerNote:F5}", Markup.Escape(c.Reason));
        return table;
    }

    /// <summary>One row per teacher and a total row: labeled, from cache, failed, tokens, cost.</summary>
    public static Table TeacherRun(TeacherRunResult result)
    {
        var table = new Table().AddColumns("teacher", "labeled", "from cache", "failed", "input tokens", "output tokens", "cost (USD)", "spent now (USD)");
        foreach (var teacher in result.Teachers)
            table.AddRow(Cells(Markup.Escape(teacher), result.SummaryOf(teacher)));
        table.AddRow(Cells("[bold]total[/]", result.Summary));
        table.Caption($"wall time {result.Summary.WallTime.TotalSeconds:F1} s");
        return table;
    }

    /// <summary>One row per epoch: loss, dev scores, speed, resident memory, and which epoch is the best so far.</summary>
    public static Table Epochs(TrainingResult result)
    {
        var table = new Table().AddColumns("epoch", "train loss", "dev P", "dev R", "dev F1", "pieces/s", "RSS MB", "");
        foreach (var r in result.Epochs)
            table.AddRow($"{r.Epoch}", $"{r.TrainLoss:F4}", $"{r.Dev.Precision:F3}", $"{r.Dev.Recall:F3}", $"{r.Dev.F1:F3}",
                $"{r.TrainPieces / Math.Max(r.Seconds, 1e-9):F0}", $"{r.ResidentBytes / 1e6:F0}", r.Improved ? "best" : "");
        return table;
    }

    static string[] Cells(string nameMarkup, TeacherRunSummary s) =>
    [
        nameMarkup, s.Labeled.ToString(), s.FromCache.ToString(), s.Failed.ToString(),
        s.InputTokens.ToString(), s.OutputTokens.ToString(), s.CostUsd.ToString("F4"), s.SpentUsd.ToString("F4"),
    ];
}
