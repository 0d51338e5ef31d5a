namespace Distill.Students.Relations;

/// <summary>Progress of an ADE student's training: epoch, step within it, running mean loss.</summary>
public sealed record AdeTrainingProgress(string Student, int Epoch, int Epochs, int Step, int Steps, double MeanLoss);
