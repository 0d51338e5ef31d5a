namespace Distill.Teachers.QuestionGeneration;

/// <summary>
/// A pair as a generator wrote it, before validation: every field as text (or absent), so a pair with a bad field is
/// counted by reason rather than lost in a parse error. <see cref="QaPairValidator"/> turns it into a <see cref="QaPair"/>.
/// </summary>
public sealed record QaCandidate(
    string? Question,
    string? Type,
    string? Answer,
    string? Section,
    string? Source,
    string? Difficulty,
    string? Explanation);
