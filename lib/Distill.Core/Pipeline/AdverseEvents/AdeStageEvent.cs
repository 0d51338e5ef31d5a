namespace Distill.Pipeline.AdverseEvents;

/// <summary>What a stage of the ADE study is doing, for the edge to print (the library prints nothing).</summary>
/// <param name="Stage">corpus, teachers, search, distillation, student, calibrate, predict, evaluate, report.</param>
/// <param name="Message">Plain words.</param>
/// <param name="Resumed">Whether the stage's work was found done (cache, finished training) rather than done now.</param>
public sealed record AdeStageEvent(string Stage, string Message, bool Resumed = false);
