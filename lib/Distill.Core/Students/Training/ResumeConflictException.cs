namespace Distill.Students.Training;

/// <summary>
/// The output folder holds another run's checkpoint (other data, starting model or options): training refuses to
/// continue it or to overwrite it unasked. The message is one line naming the folder, what differs, and the way out.
/// </summary>
public sealed class ResumeConflictException(string message) : InvalidOperationException(message);
