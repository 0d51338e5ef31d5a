namespace Distill.Pipeline.Events;

/// <summary>
/// How far one task of a stage is: <paramref name="Task"/> is stable (one bar per task), <paramref name="Description"/>
/// changes as it goes ("labeling (mesh)", "epoch 2/3 loss 0.061"), <paramref name="Fraction"/> in [0, 1]; 1 ends the task.
/// </summary>
public sealed record StageProgress(string Stage, string Task, string Description, double Fraction) : StageEvent(Stage);
