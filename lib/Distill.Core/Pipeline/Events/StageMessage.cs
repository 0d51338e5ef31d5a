namespace Distill.Pipeline.Events;

/// <summary>One line of plain text about the stage (no markup: the display escapes and styles it by <paramref name="Level"/>).</summary>
public sealed record StageMessage(string Stage, string Text, StageMessageLevel Level = StageMessageLevel.Info) : StageEvent(Stage);
