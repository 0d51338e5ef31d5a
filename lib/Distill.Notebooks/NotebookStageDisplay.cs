using Distill.Pipeline.Events;

namespace Distill.Notebooks;

/// <summary>
/// Shows a study's <see cref="StageEvent"/>s in the running notebook cell as plain lines (the notebooks' display
/// adapter; the CLI has its own with bars and tables): a heading per stage, every message, a line when a task ends and
/// when a stage ends. Per-document progress is not printed, so a cell's output stays readable.
/// </summary>
public sealed class NotebookStageDisplay : IProgress<StageEvent>
{
    readonly Lock gate = new();

    public void Report(StageEvent value)
    {
        var line = value switch
        {
            StageStarted s => $"── {s.Title} ──",
            StageMessage m => m.Level == StageMessageLevel.Warning ? "warning: " + m.Text : m.Text,
            StageProgress { Fraction: >= 1 } p => $"{p.Description}: done",
            StageCompleted c => $"{c.Stage}: {c.Elapsed.TotalSeconds:F1} s{(c.Resumed ? " (resumed from earlier work)" : "")}",
            _ => null,
        };
        if (line is null) return;
        // Console.Out is the running cell's output (the session routes it per cell).
        lock (gate) Console.Out.WriteLine(line);
    }
}
