namespace Distill.Pipeline.Events;

/// <summary>A stage began; <paramref name="Title"/> is its heading ("2. teachers and subset search").</summary>
public sealed record StageStarted(string Stage, string Title) : StageEvent(Stage);
