namespace Distill.Teachers.Running;

/// <summary>
/// Some teacher labelings of a split failed (an API down, a quota, a timeout): not a bug and not bad input, but a run
/// that cannot go on honestly. The CLI prints its one-line message and exits 1; cached answers are kept.
/// </summary>
public sealed class TeacherLabelingFailedException(string message) : Exception(message);
