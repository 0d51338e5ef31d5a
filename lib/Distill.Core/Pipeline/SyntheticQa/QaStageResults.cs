using Distill.Evaluation.CohortSelection;
using Distill.Students.LlmFineTuning;
using Distill.Teachers.QuestionGeneration;

namespace Distill.Pipeline.SyntheticQa;

/// <summary>
/// The generation stage's record (<c>generation/summary.json</c>): what the generator wrote and what validation kept,
/// counted by type and by rejection reason. Types are the JSON names (<c>yes_no</c>, ...); a candidate whose type does not
/// parse counts under <c>unknown</c>.
/// </summary>
public sealed record QaGenerationSummary(
    string Generator,
    QaGeneratorKind GeneratorKind,
    int Notes,
    int NotesFailed,
    int CachedNotes,
    int Generated,
    int Kept,
    int Rejected,
    IReadOnlyDictionary<string, int> GeneratedByType,
    IReadOnlyDictionary<string, int> KeptByType,
    IReadOnlyDictionary<string, int> RejectedByReason,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> RejectedByTypeAndReason,
    long InputTokens,
    long OutputTokens,
    decimal CostUsd,
    IReadOnlyList<string> Failures,
    string InputsFingerprint);

/// <summary>The generation stage's result: its summary, the kept pairs, and whether it was read back from a finished run.</summary>
public sealed record QaGenerationResult(QaGenerationSummary Summary, IReadOnlyList<QaPair> Pairs, bool Resumed);

/// <summary>The export stage's record (<c>finetune/summary.json</c>).</summary>
public sealed record QaExportSummary(int TrainPairs, int ValidationPairs, int BelowDifficulty, int RemovedByBalancing, int MinimumDifficulty,
    ChatFineTuningPaths Files, string QloraConfig, string InputsFingerprint);

/// <summary>The export stage's result.</summary>
public sealed record QaExportResult(QaExportSummary Summary, FineTuningDataset Dataset, bool Resumed);

/// <summary>Accuracy on one answer class.</summary>
public sealed record KindAccuracy(int Examples, int Correct);

/// <summary>The student stage's record (<c>student-summary.json</c>).</summary>
public sealed record QaStudentSummary(string Student, string Origin, int TrainExamples, int HeldOutExamples, double HeldOutAccuracy,
    IReadOnlyDictionary<string, KindAccuracy> HeldOutByKind, IReadOnlyList<double> EpochLosses, double TrainSeconds, string ModelDirectory);

/// <summary>The student stage's result (the student stays loaded for the n2c2 evaluation; the caller disposes it).</summary>
public sealed record QaStudentResult(QaStudentSummary Summary, Students.QuestionAnswering.QaStudent Student, bool Resumed);

/// <summary>One answerer's n2c2 2018 Track 1 scores (<c>n2c2-track1/&lt;name&gt;.scores.json</c>).</summary>
public sealed record CohortEvaluationSummary(string Answerer, string Description, Track1Scores Scores, decimal CostUsd);

/// <summary>The n2c2 stage's result: one summary per answerer, in table order.</summary>
public sealed record CohortEvaluationResult(IReadOnlyList<CohortEvaluationSummary> Answerers, bool Resumed);

/// <summary>What a synthetic-QA study run produced.</summary>
public sealed record QaStudyResult(QaRunLayout Layout, QaGenerationResult? Generation, QaExportResult? Export, QaStudentSummary? Student,
    CohortEvaluationResult? Cohort, QaDryRunEstimate? DryRun, TimeSpan Elapsed)
{
    /// <summary>Whether the student stage found its finished training and reused it.</summary>
    public bool StudentResumed { get; init; }
}
