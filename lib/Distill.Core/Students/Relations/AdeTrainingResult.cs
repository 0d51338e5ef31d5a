namespace Distill.Students.Relations;

/// <summary>What an ADE student's training did.</summary>
/// <param name="Directory">Where the student was saved.</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="Examples">Training examples (sentences for the drug-conditioned student, sentence × drug for the marker one).</param>
/// <param name="EpochLosses">Mean loss of each epoch.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="Resumed">True when a finished student was found in <paramref name="Directory"/> and nothing was trained.</param>
public sealed record AdeTrainingResult(string Directory, int Epochs, int Examples, IReadOnlyList<double> EpochLosses, double Seconds, bool Resumed);
