using System.Diagnostics;

namespace Distill.Pipeline.Events;

/// <summary>Helpers for stages that report through an optional <see cref="IProgress{StageEvent}"/>.</summary>
public static class StageReporting
{
    public static void Message(this IProgress<StageEvent>? progress, string stage, string text, StageMessageLevel level = StageMessageLevel.Info) =>
        progress?.Report(new StageMessage(stage, text, level));

    public static void Started(this IProgress<StageEvent>? progress, string stage, string title) => progress?.Report(new StageStarted(stage, title));

    public static void Completed(this IProgress<StageEvent>? progress, string stage, object result, Stopwatch clock, bool resumed) =>
        progress?.Report(new StageCompleted(stage, result, clock.Elapsed, resumed));

    /// <summary>A progress that reports on the calling thread (<see cref="Progress{T}"/> would post to the thread pool and reorder updates).</summary>
    public static IProgress<T> Immediate<T>(Action<T> report) => new Runtime.ImmediateProgress<T>(report);
}
