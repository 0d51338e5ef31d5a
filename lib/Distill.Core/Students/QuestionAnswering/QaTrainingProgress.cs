namespace Distill.Students.QuestionAnswering;

/// <summary>Progress of the QA student's training: epoch, step, mean loss so far in the epoch.</summary>
public sealed record QaTrainingProgress(int Epoch, int Epochs, int Step, int Steps, double MeanLoss);
