using System.Text.Json;
using Distill.Corpora;
using Distill.Evaluation;
using Distill.IO;
using Distill.Reporting;
using Distill.Runtime;
using Distill.Students;

namespace Distill.Pipeline;

/// <summary>
/// Scores every system's test predictions where the prediction stage wrote them (token, strict and lenient, with
/// bootstrap intervals and paired tests), builds tables, plots and the report page, and puts the measured test scores
/// into each student's model card. A resumed run re-evaluates from the same files.
/// </summary>
internal static class EvaluationStage
{
    public const string Name = "evaluation";

    public static async Task<RunReportResult> RunAsync(StudyContext context, IReadOnlyList<Document> test, PredictionStageResult predictions,
        IReadOnlyList<(TrainedStudent Student, StudentStageResult Training)> students, IReadOnlyDictionary<string, string> configuration,
        string corpusName, CancellationToken cancellationToken = default)
    {
        var folder = context.Run.Folder;
        await JsonlCorpusWriter.WriteAsync(folder.Gold, test, cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(folder.Costs, JsonSerializer.Serialize(predictions.Costs, RunManifest.Json), cancellationToken).ConfigureAwait(false);
        var epochs = students.SelectMany(s => s.Training.Training.Epochs.Select(e => new EpochRecord(s.Student.System, e.Epoch, e.TrainLoss, null, e.Dev.F1))).ToArray();
        await AtomicFile.WriteAllTextAsync(folder.Epochs, JsonSerializer.Serialize(epochs, RunManifest.Json), cancellationToken).ConfigureAwait(false);
        var settings = EvaluationSettings.Default with
        {
            Types = context.EntityTypes,
            ReferenceSystem = students[0].Student.System,
            Bootstrap = EvaluationSettings.Default.Bootstrap with { Resamples = context.Settings.BootstrapResamples },
        };
        var report = await RunReport.CreateAsync(folder, new RunRequest(folder.Gold, predictions.Predictions.Select(p => (p.System, p.Path)).ToArray(), settings,
                folder.Costs, folder.Epochs, Configuration: configuration,
                Seeds: new Dictionary<string, int> { ["student"] = context.StudentSeed, ["search"] = context.SearchOptions.Seed }, Reevaluate: true),
            null, cancellationToken).ConfigureAwait(false);
        foreach (var (student, training) in students)
            ModelCard.Write(student.ModelDirectory, StudentCard(training.Card, report, student.System, corpusName));
        return report;
    }

    /// <summary>The model card of a study's student with its measured test scores (token and strict F1 with intervals, per type).</summary>
    static ModelCardFacts StudentCard(ModelCardFacts card, RunReportResult report, string system, string corpus)
    {
        var types = report.Types.Count > 1 ? report.Types.Append(ScoreSummary.MicroAverage) : report.Types;
        var metrics = (from mode in new[] { "token", "strict" }
                       from type in types
                       let s = report.Scores.FirstOrDefault(r => r.System == system && r.Mode == mode && r.Type == type)
                       where s is not null
                       select new ModelCardMetric($"{(mode == "token" ? "token-level" : "strict entity")} F1 ({type})", "f1", s.F1, s.F1Lower, s.F1Upper, "test", report.Documents)).ToList();
        // The Hugging Face id of the embedded default corpus; other corpora go by their own name.
        var dataset = corpus == NcbiDiseaseCorpus.Name ? "ncbi/ncbi_disease" : corpus;
        return card with { Title = $"{system} ({corpus})", Datasets = [dataset], DatasetName = corpus, Evaluation = metrics };
    }
}
