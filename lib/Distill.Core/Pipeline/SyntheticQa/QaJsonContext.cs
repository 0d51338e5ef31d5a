using System.Text.Json;
using System.Text.Json.Serialization;
using Distill.Evaluation.CohortSelection;
using Distill.Students.LlmFineTuning;
using Distill.Teachers.QuestionAnswering;
using Distill.Teachers.QuestionGeneration;

namespace Distill.Pipeline.SyntheticQa;

/// <summary>The System.Text.Json contracts (source-generated) of every file the synthetic-QA stages write and read.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(QaPair))]
[JsonSerializable(typeof(IReadOnlyList<QaPair>))]
[JsonSerializable(typeof(FineTuningDatasetOptions))]
[JsonSerializable(typeof(QloraConfig))]
[JsonSerializable(typeof(RejectedQaPair))]
[JsonSerializable(typeof(QaGenerationSummary))]
[JsonSerializable(typeof(QaExportSummary))]
[JsonSerializable(typeof(QaStudentSummary))]
[JsonSerializable(typeof(CohortEvaluationSummary))]
[JsonSerializable(typeof(CriterionPrediction))]
[JsonSerializable(typeof(QaDryRunEstimate))]
[JsonSerializable(typeof(FineTuningJobRecord))]
[JsonSerializable(typeof(QaStudyManifest))]
internal sealed partial class QaJsonContext : JsonSerializerContext
{
    /// <summary>The same contracts, indented, for the summary files people read.</summary>
    public static QaJsonContext Indented { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    });
}
