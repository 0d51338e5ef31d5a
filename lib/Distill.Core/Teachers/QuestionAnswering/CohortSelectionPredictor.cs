using Distill.Corpora;
using Distill.Evaluation.CohortSelection;

namespace Distill.Teachers.QuestionAnswering;

/// <summary>Progress of a cohort-selection run: patients done of all.</summary>
public sealed record CohortProgress(string Answerer, int Patients, int Done);

/// <summary>
/// Asks every criterion's questions about every patient through any <see cref="IQuestionAnswerer"/> and aggregates the
/// answers to met / not met (<see cref="CohortCriterion"/>). The answerer sees only the note text, never the gold tags.
/// </summary>
public static class CohortSelectionPredictor
{
    public static async Task<IReadOnlyList<CriterionPrediction>> PredictAsync(IQuestionAnswerer answerer, IReadOnlyList<Document> patients,
        IReadOnlyList<CohortCriterion>? criteria = null, IProgress<CohortProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        criteria ??= CohortCriteria.All;
        var predictions = new List<CriterionPrediction>();
        for (var p = 0; p < patients.Count; p++)
        {
            // The answerer sees only the text: the reader keeps the gold tags as metadata, which must not reach a model.
            var note = new Document(patients[p].Id, patients[p].Text);
            foreach (var criterion in criteria)
            {
                var answers = new List<QuestionAnswer>();
                foreach (var question in criterion.Questions)
                    answers.Add(await answerer.AnswerAsync(question, note, cancellationToken).ConfigureAwait(false));
                predictions.Add(new CriterionPrediction(note.Id, criterion.Name, Aggregate(criterion, answers), answers));
            }
            progress?.Report(new CohortProgress(answerer.Name, patients.Count, p + 1));
        }
        return predictions;
    }

    /// <summary>Met when any answer says Yes (yes/no criteria) or any number meets the threshold (numeric ones).</summary>
    public static bool Aggregate(CohortCriterion criterion, IReadOnlyList<QuestionAnswer> answers) => criterion.Numeric
        ? answers.Any(a => a is { Kind: AnswerKind.Numeric, Value: { } v } && criterion.Meets(v))
        : answers.Any(a => a.Kind == AnswerKind.Yes);
}
