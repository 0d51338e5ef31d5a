using Distill.Aggregation;
using Distill.Corpora;
using Distill.IO;
using Distill.Pipeline.Events;
using Distill.Reporting;
using Distill.Students.Inference;
using Distill.Teachers.Cache;
using Distill.Teachers.Running;

namespace Distill.Pipeline;

/// <summary>One trained student of the study: its system name and folder.</summary>
internal sealed record TrainedStudent(string System, string ModelDirectory);

/// <summary>One system's predictions on test, where the report reads them, and its measured speed.</summary>
/// <param name="Latency">Per-note latency of a student (null for teachers: their cost rows carry their time).</param>
internal sealed record SystemPredictions(string System, string Path, LatencySummary? Latency);

/// <summary>What the prediction stage wrote: every system's predictions on test and its cost and time per note.</summary>
internal sealed record PredictionStageResult(IReadOnlyList<SystemPredictions> Predictions, IReadOnlyList<SystemCost> Costs, TeacherRunSummary TestLabeling)
{
    public bool Resumed => TestLabeling.FromCache > 0;
}

/// <summary>
/// The systems on the test split: each student (timed per note on its fastest backend), each teacher (through the
/// cache), and the chosen teacher combination, built from the teachers' test labels by the search's own choice.
/// </summary>
internal static class PredictionStage
{
    public const string Name = "predictions";

    public static async Task<PredictionStageResult> RunAsync(StudyContext context, IReadOnlyList<TrainedStudent> students, IReadOnlyList<Document> test,
        SubsetSearchResult search, double machineUsdPerHour, CancellationToken cancellationToken = default)
    {
        var progress = context.Progress;
        var predictions = new List<SystemPredictions>();
        var costs = new List<SystemCost>();
        foreach (var student in students)
        {
            var p = StudentStage.Predict(student.ModelDirectory, test, context.Device.ToString(), progress, cancellationToken, stage: Name);
            var path = context.Run.Predictions(student.System);
            await JsonlCorpusWriter.WriteAsync(path, p.Documents, cancellationToken).ConfigureAwait(false);
            predictions.Add(new SystemPredictions(student.System, path, p.Latency));
            costs.Add(new SystemCost(student.System, test.Count, p.Latency.TotalSeconds * machineUsdPerHour / 3600, p.Latency.TotalSeconds, p.Machine));
            progress.Message(Name, $"{student.System}: {p.Latency.NotesPerSecond:F1} notes/s, p50 {p.Latency.P50Milliseconds:F0} ms, p95 {p.Latency.P95Milliseconds:F0} ms per note.");
        }

        var teachers = context.Teachers;
        await using var cache = SqliteTeacherCache.Open(context.TeacherCachePath);
        var runner = new TeacherRunner(cache, new TeacherRunOptions { Offline = context.Offline });
        var testRun = await TeacherLabelingStage.RunAsync(runner, test, teachers, context.EntityTypes, "test", Name, progress, cancellationToken).ConfigureAwait(false);
        var names = teachers.Select(t => t.Name).ToArray();
        var spans = names.Select(n => TeacherLabelingStage.SpansAllTypes(testRun, n, context.EntityTypes)).ToArray();
        for (var i = 0; i < teachers.Count; i++)
        {
            var system = StudySystemNames.Teacher(names[i]);
            var docs = test.Select(d => d.WithSpans(spans[i].GetValueOrDefault(d.Id) ?? [])).ToArray();
            var path = context.Run.Predictions(system);
            await JsonlCorpusWriter.WriteAsync(path, docs, cancellationToken).ConfigureAwait(false);
            predictions.Add(new SystemPredictions(system, path, null));
            var own = testRun.Labelings.Where(l => l.Teacher == names[i]).ToArray();
            costs.Add(new SystemCost(system, test.Count, (double)own.Sum(l => l.CostUsd), own.Sum(l => l.Latency.TotalSeconds), teachers[i].Kind.ToString()));
        }

        var combined = DistillationSetBuilder.Build(test, names, spans, search.Choices);
        var combinationPath = context.Run.Predictions(StudySystemNames.Combination);
        await JsonlCorpusWriter.WriteAsync(combinationPath, combined.Select(e => new Document(e.Id, e.Text, e.Spans)), cancellationToken).ConfigureAwait(false);
        predictions.Add(new SystemPredictions(StudySystemNames.Combination, combinationPath, null));
        var members = search.Choices.SelectMany(c => c.Chosen.Subset.Members()).Distinct().Select(i => names[i]).ToHashSet();
        var chosen = testRun.Labelings.Where(l => members.Contains(l.Teacher)).ToArray();
        costs.Add(new SystemCost(StudySystemNames.Combination, test.Count, (double)chosen.Sum(l => l.CostUsd), chosen.Sum(l => l.Latency.TotalSeconds),
            string.Join(" + ", members)));
        return new PredictionStageResult(predictions, costs, testRun.Summary);
    }
}
