namespace Distill.Teachers.QuestionGeneration;

/// <summary>A candidate that was not kept, and why.</summary>
public sealed record RejectedQaPair(string NoteId, QaCandidate? Candidate, QaRejectionReason Reason, string Detail);

/// <summary>What <see cref="QaPairValidator"/> kept and rejected for one note.</summary>
public sealed record QaValidation(IReadOnlyList<QaPair> Kept, IReadOnlyList<RejectedQaPair> Rejected);
