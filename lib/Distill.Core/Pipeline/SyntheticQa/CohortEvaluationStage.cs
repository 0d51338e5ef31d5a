using Distill.Corpora;
using Distill.Evaluation.CohortSelection;
using Distill.Teachers.QuestionAnswering;

namespace Distill.Pipeline.SyntheticQa;

/// <summary>
/// Stage 4: n2c2 2018 Track 1. Every answerer (the small student, each OpenAI-compatible model of the teachers file)
/// answers the 13 criteria's questions per patient through the same templates (<see cref="CohortCriteria"/>); the answers
/// become met / not met and are scored as the challenge's script does (<see cref="Track1Scorer"/>). A reference row,
/// "all not met" (no model), shows what the class balance alone gives.
/// </summary>
internal static class CohortEvaluationStage
{
    public const string AllNotMet = "baseline: all not met";

    public static async Task<CohortEvaluationResult> RunAsync(IReadOnlyList<N2c2Track1Patient> patients, IReadOnlyList<IQuestionAnswerer> answerers,
        QaRunLayout layout, Func<IQuestionAnswerer, decimal>? costOf = null, IProgress<QaStudyEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var gold = patients.ToDictionary(p => p.Document.Id, p => p.Criteria);
        var documents = patients.Select(p => p.Document).ToArray();
        var summaries = new List<CohortEvaluationSummary>();
        var allNotMet = patients.ToDictionary(p => p.Document.Id, p => (IReadOnlyDictionary<string, bool>)N2c2Track1Reader.CriterionNames.ToDictionary(c => c, _ => false));
        summaries.Add(new CohortEvaluationSummary(AllNotMet, "predicts every criterion not met (no model): the class balance alone", Track1Scorer.Score(gold, allNotMet), 0m));
        foreach (var answerer in answerers)
        {
            var each = new Progress<CohortProgress>(p => progress?.Report(new QaStudyEvent("n2c2", $"{p.Answerer}: patient {p.Done}/{p.Patients}", p.Done, p.Patients)));
            var predictions = await CohortSelectionPredictor.PredictAsync(answerer, documents, CohortCriteria.All, each, cancellationToken).ConfigureAwait(false);
            var predicted = predictions.GroupBy(p => p.PatientId)
                .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, bool>)g.ToDictionary(p => p.Criterion, p => p.Met));
            var summary = new CohortEvaluationSummary(answerer.Name, answerer.Description, Track1Scorer.Score(gold, predicted), costOf?.Invoke(answerer) ?? 0m);
            QaFiles.WriteLines(layout.CohortPredictions(answerer.Name), predictions, QaJsonContext.Default.CriterionPrediction);
            QaFiles.WriteJson(layout.CohortScores(answerer.Name), summary, QaJsonContext.Indented.CohortEvaluationSummary);
            summaries.Add(summary);
            progress?.Report(new QaStudyEvent("n2c2", $"{answerer.Name}: micro F1 {summary.Scores.Micro.OverallF1:F3}, balanced accuracy {summary.Scores.Micro.BalancedAccuracy:F3}"));
        }
        return new CohortEvaluationResult(summaries, Resumed: false);
    }
}
