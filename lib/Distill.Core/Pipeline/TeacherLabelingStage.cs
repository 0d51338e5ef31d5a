using Distill.Aggregation;
using Distill.Corpora;
using Distill.Pipeline.Events;
using Distill.Teachers;
using Distill.Teachers.Running;

namespace Distill.Pipeline;

/// <summary>
/// Teachers label one split (dev for the search, the pool for the distillation set, test for the tables) through the
/// cache; a failed labeling stops the study, since it would silently score as "no mention". The same stage serves all
/// three splits.
/// </summary>
internal static class TeacherLabelingStage
{
    public static async Task<TeacherRunResult> RunAsync(TeacherRunner runner, IReadOnlyList<Document> documents, IReadOnlyList<ITeacher> teachers,
        IReadOnlyList<string> entityTypes, string split, string stage, IProgress<StageEvent>? progress, CancellationToken cancellationToken)
    {
        var task = "labeling " + split;
        var run = await runner.RunAsync(documents, teachers, entityTypes,
            StageReporting.Immediate<TeacherRunProgress>(p => progress?.Report(new StageProgress(stage, task, $"{task} ({p.Last.Teacher})", (double)p.Done / Math.Max(1, p.Total)))),
            cancellationToken).ConfigureAwait(false);
        progress?.Report(new StageProgress(stage, task, task, 1));
        ThrowOnFailures(run, split);
        return run;
    }

    /// <summary>Mean cost and latency per note of each teacher and entity type, from its labelings.</summary>
    public static IReadOnlyList<TeacherCostProfile> CostProfiles(TeacherRunResult run, IReadOnlyList<string> teachers, IReadOnlyList<string> types) =>
        (from t in teachers
         from type in types
         let labelings = run.Of(t, type).Values.ToArray()
         where labelings.Length > 0
         select new TeacherCostProfile(t, type, (double)labelings.Average(l => l.CostUsd), labelings.Average(l => l.Latency.TotalSeconds))).ToArray();

    /// <summary>Each teacher's spans of one type, per document id.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<EntitySpan>>> SpansByTeacher(TeacherRunResult run, IReadOnlyList<string> teachers, string type) =>
        teachers.Select(t => (IReadOnlyDictionary<string, IReadOnlyList<EntitySpan>>)run.Of(t, type).ToDictionary(p => p.Key, p => p.Value.Spans)).ToArray();

    /// <summary>One teacher's spans of the given types, per document id.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<EntitySpan>> SpansAllTypes(TeacherRunResult run, string teacher, IReadOnlyList<string> types) =>
        run.Labelings.Where(l => l.Teacher == teacher && types.Contains(l.EntityType))
            .GroupBy(l => l.DocumentId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<EntitySpan>)g.SelectMany(l => l.Spans).ToArray());

    // A failed labeling would silently count as "no mention" and bias the search: stop and say which.
    internal static void ThrowOnFailures(TeacherRunResult run, string split)
    {
        var failed = run.Labelings.Where(l => !l.Succeeded).ToArray();
        if (failed.Length == 0) return;
        var first = failed[0];
        throw new TeacherLabelingFailedException(
            $"{failed.Length} teacher labelings on the {split} split failed (first: {first.Teacher} on '{first.DocumentId}' ({first.EntityType}): {first.Error}). " +
            "Answers already received are cached; fix the cause and run again to resume.");
    }
}
