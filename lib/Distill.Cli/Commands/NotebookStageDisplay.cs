using Distill.IO;
using Distill.Notebooks;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>Shows <see cref="NotebookStage"/>'s events on a console (the stage itself does not print).</summary>
public static class NotebookStageDisplay
{
    /// <summary>A line when a notebook starts and one when it has run (<c>distill reproduce</c>'s notebook stage).</summary>
    public static IProgress<NotebookStageEvent> Lines(IAnsiConsole console) => new ImmediateProgress<NotebookStageEvent>(e =>
    {
        if (e.Result is { Succeeded: true } result)
            console.MarkupLine($"  {result.Elapsed.TotalSeconds:F1} s → {Markup.Escape(result.OutputPath)}");
        else if (e.Result is null && e.Cell is null)
            console.MarkupLine($"running [bold]{Markup.Escape(e.Notebook)}[/] ({e.Index}/{e.Count})");
    });

    /// <summary>Runs <paramref name="run"/> under a live bar per notebook, advanced cell by cell (<c>distill notebook run</c>).</summary>
    public static Task<T> WithBarsAsync<T>(IAnsiConsole console, Func<IProgress<NotebookStageEvent>, Task<T>> run) =>
        console.Progress().AutoClear(true).StartAsync(async context =>
        {
            ProgressTask? bar = null;
            return await run(new ImmediateProgress<NotebookStageEvent>(e =>
            {
                if (e.Result is not null)
                {
                    if (bar is not null) bar.Value = bar.MaxValue;
                }
                else if (e.Cell is { } cell)
                {
                    bar ??= context.AddTask(Markup.Escape(e.Notebook));
                    bar.MaxValue = cell.Cells;
                    bar.Value = cell.Cell - 1;
                    bar.Description = Markup.Escape($"{cell.Notebook} cell {cell.Cell}/{cell.Cells}");
                }
                else
                {
                    bar?.StopTask();
                    bar = context.AddTask(Markup.Escape(e.Notebook));
                }
            }));
        });
}
