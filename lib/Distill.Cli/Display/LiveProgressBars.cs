using Spectre.Console;

namespace Distill.Cli.Display;

/// <summary>
/// Spectre progress bars fed by events from any thread: the live display starts with the first task and stops when
/// every task has finished, or when the caller needs the console for a line of text (<see cref="Stop"/>).
/// Spectre's own <c>Progress().Start</c> wants the work inside its callback; stages report through events instead.
/// </summary>
internal sealed class LiveProgressBars(IAnsiConsole console) : IDisposable
{
    readonly Lock gate = new();
    readonly Dictionary<string, ProgressTask> tasks = [];
    readonly Dictionary<string, int> loggedPercent = [];
    readonly bool interactive = console.Profile.Capabilities.Interactive;
    ProgressContext? context;
    TaskCompletionSource? finished;
    Task? display;

    public void Update(string key, string description, double fraction)
    {
        lock (gate)
        {
            if (!interactive)
            {
                // A log (CI, a redirected run) gets one line per 10% of each task, not one per redraw.
                var percent = (int)Math.Floor(Math.Clamp(fraction, 0, 1) * 10) * 10;
                if (loggedPercent.TryGetValue(key, out var last) && percent <= last) return;
                loggedPercent[key] = percent;
                console.WriteLine($"{description}: {percent}%");
                if (fraction >= 1) loggedPercent.Remove(key);
                return;
            }
            if (context is null) Start();
            if (!tasks.TryGetValue(key, out var task))
                tasks[key] = task = context!.AddTask(Markup.Escape(description), maxValue: 1.0);
            task.Description = Markup.Escape(description);
            task.Value = Math.Clamp(fraction, 0, 1);
            if (fraction >= 1 && tasks.Values.All(t => t.Value >= 1)) StopLocked();
        }
    }

    /// <summary>Ends the live display (bars stay as drawn) so other output can follow.</summary>
    public void Stop()
    {
        lock (gate) StopLocked();
    }

    public void Dispose() => Stop();

    void Start()
    {
        var ready = new TaskCompletionSource<ProgressContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = finished.Task;
        display = console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async c =>
            {
                ready.SetResult(c);
                await done;
            });
        context = ready.Task.GetAwaiter().GetResult();
    }

    void StopLocked()
    {
        if (context is null) return;
        finished!.TrySetResult();
        display!.GetAwaiter().GetResult();
        (context, display, finished) = (null, null, null);
        tasks.Clear();
    }
}
