using Distill.Pipeline;
using Distill.Pipeline.Events;
using Spectre.Console;

namespace Distill.Cli.Display;

/// <summary>
/// Shows a study's <see cref="StageEvent"/>s on a Spectre console: a rule per stage, a line per message, live bars for
/// progress, and tables for the typed results (the search's choices, the student's epochs). The library reports; this prints.
/// </summary>
public sealed class ConsoleStageDisplay(IAnsiConsole console) : IProgress<StageEvent>, IDisposable
{
    readonly LiveProgressBars bars = new(console);
    readonly Lock gate = new();

    public void Report(StageEvent value)
    {
        if (value is StageProgress p)
        {
            bars.Update(p.Stage + "/" + p.Task, p.Description, p.Fraction);
            return;
        }
        lock (gate)
        {
            bars.Stop();
            switch (value)
            {
                case StageStarted s:
                    console.Write(new Rule(s.Stage == "run" ? $"[bold]{Markup.Escape(s.Title)}[/]" : Markup.Escape(s.Title)));
                    break;
                case StageMessage m:
                    console.MarkupLine(Styled(m.Text, m.Level));
                    break;
                case StageCompleted c:
                    Completed(c);
                    break;
            }
        }
    }

    public static string Styled(string text, StageMessageLevel level) => level switch
    {
        StageMessageLevel.Emphasis => $"[bold]{Markup.Escape(text)}[/]",
        StageMessageLevel.Warning => $"[yellow]{Markup.Escape(text)}[/]",
        _ => Markup.Escape(text),
    };

    void Completed(StageCompleted completed)
    {
        switch (completed.Result)
        {
            case SearchStageResult search:
                console.Write(StageTables.Choices(search.Search));
                break;
            case StudentStageResult student:
                Training(student);
                break;
        }
    }

    void Training(StudentStageResult student)
    {
        var result = student.Training;
        console.Write(StageTables.Epochs(result));
        var dir = Path.GetFullPath(student.ModelDirectory);
        if (result.Epochs.Count > 0 && result.ResumedAfterEpoch == result.Epochs.Count)
            console.MarkupLine($"The training in {Markup.Escape(dir)} had already finished (trainer_state.json); it is not repeated.");
        else if (result.ResumedAfterEpoch > 0)
            console.MarkupLine($"Resumed after epoch {result.ResumedAfterEpoch}.");
        console.MarkupLine($"Best epoch {result.BestEpoch}, dev token-level F1 {result.BestDevF1:F4}{(result.StoppedEarly ? " (stopped early)" : "")}; " +
                           $"model saved to [bold]{Markup.Escape(dir)}[/] ({Markup.Escape(student.Origin)}).");
        if (student.RemovedCheckpointBytes > 0)
            console.MarkupLine($"Removed the resume checkpoint ({student.RemovedCheckpointBytes / 1e6:F0} MB, optimiser state included); --keep-checkpoint keeps it.");
    }

    public void Dispose() => bars.Dispose();
}
