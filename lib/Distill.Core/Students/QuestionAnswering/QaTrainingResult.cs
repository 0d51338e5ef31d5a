namespace Distill.Students.QuestionAnswering;

/// <summary>What a QA student training did: mean loss per epoch, where the model is, and whether a finished training was reused.</summary>
public sealed record QaTrainingResult(IReadOnlyList<double> EpochLosses, int Examples, string Directory, bool Resumed, double Seconds);
