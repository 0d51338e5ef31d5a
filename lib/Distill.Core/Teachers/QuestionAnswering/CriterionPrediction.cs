namespace Distill.Teachers.QuestionAnswering;

/// <summary>One patient's predicted criterion, with the answers it came from.</summary>
public sealed record CriterionPrediction(string PatientId, string Criterion, bool Met, IReadOnlyList<QuestionAnswer> Answers);
