using System.Text.Json;
using Distill.Corpora;
using Distill.IO;
using Distill.Students.LlmFineTuning;
using Distill.Teachers.Cache;
using Distill.Teachers.QuestionGeneration;

namespace Distill.Pipeline.SyntheticQa;

/// <summary>
/// Stage 2: the fine-tuning set for an LLM student on an existing engine. Filters by difficulty, balances the types and
/// splits 90/10 (<see cref="FineTuningDataset"/>), writes the OpenAI/Azure chat JSONL and the Hugging Face (TRL)
/// prompt-completion JSONL, and the QLoRA config (<see cref="QloraConfig"/>). The split is also the QA student's
/// train / held-out split, so both students see the same pairs.
/// </summary>
internal static class QaExportStage
{
    public static QaExportResult Run(IReadOnlyList<QaPair> pairs, IReadOnlyDictionary<string, Document> notes, QaRunLayout layout,
        FineTuningDatasetOptions? options = null, QloraConfig? qlora = null, IProgress<QaStudyEvent>? progress = null)
    {
        options ??= new FineTuningDatasetOptions();
        qlora ??= new QloraConfig();
        var fingerprint = CacheKey.Sha256Hex(JsonSerializer.Serialize(pairs, QaJsonContext.Default.IReadOnlyListQaPair) + JsonSerializer.Serialize(options, QaJsonContext.Default.FineTuningDatasetOptions) + JsonSerializer.Serialize(qlora, QaJsonContext.Default.QloraConfig));
        // Building the split is cheap and deterministic; the files are rewritten only when their inputs changed.
        var dataset = FineTuningDataset.Build(pairs, options);
        if (QaFiles.TryReadJson(layout.ExportSummary, QaJsonContext.Default.QaExportSummary) is { } done && done.InputsFingerprint == fingerprint
            && File.Exists(done.Files.OpenAiTrain) && File.Exists(done.Files.HuggingFaceTrain))
        {
            progress?.Report(new QaStudyEvent("export", $"resumed: {done.TrainPairs} train / {done.ValidationPairs} validation pairs already exported"));
            return new QaExportResult(done, dataset, Resumed: true);
        }
        var files = ChatFineTuningFiles.Write(dataset, notes, layout.ExportFolder, options);
        AtomicFile.WriteAllText(layout.QloraConfig, qlora.ToAxolotlYaml(Path.GetFileName(files.OpenAiTrain), Path.GetFileName(files.OpenAiValidation)));
        var summary = new QaExportSummary(dataset.Train.Count, dataset.Validation.Count, dataset.BelowDifficulty, dataset.RemovedByBalancing, options.MinimumDifficulty,
            files, layout.QloraConfig, fingerprint);
        QaFiles.WriteJson(layout.ExportSummary, summary, QaJsonContext.Indented.QaExportSummary);
        progress?.Report(new QaStudyEvent("export", $"{summary.TrainPairs} train / {summary.ValidationPairs} validation pairs (OpenAI and Hugging Face chat JSONL, QLoRA config)"));
        return new QaExportResult(summary, dataset, Resumed: false);
    }
}
