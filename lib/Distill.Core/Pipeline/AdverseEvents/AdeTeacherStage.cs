using Distill.Corpora;
using Distill.Teachers;
using Distill.Teachers.Relations;

namespace Distill.Pipeline.AdverseEvents;

/// <summary>One split's relation-teacher answers: <c>Labels[t][d]</c> for teacher t and sentence d.</summary>
public sealed record AdeTeacherLabels(string Split, IReadOnlyList<string> Teachers, IReadOnlyList<string> DocumentIds, IReadOnlyList<IReadOnlyList<RelationLabeling>> Labels, bool Resumed)
{
    /// <summary>Teacher t's pairs per sentence (empty where it failed).</summary>
    public IReadOnlyList<IReadOnlyList<Corpora.Relations.AdePair>> PairsOf(int t) => Labels[t].Select(l => l.Pairs).ToArray();

    /// <summary>Mean seconds and dollars per sentence of each teacher on this split (from the original calls, cached or not).</summary>
    public IReadOnlyDictionary<string, (double CostPerSentence, double SecondsPerSentence)> Costs() =>
        Teachers.Select((name, t) => (name, t)).ToDictionary(x => x.name,
            x => Labels[x.t].Count == 0 ? (0.0, 0.0) : ((double)Labels[x.t].Average(l => l.CostUsd), Labels[x.t].Average(l => l.Seconds)));
}

/// <summary>Asks every relation teacher (through the cache) for the pairs of every sentence of a split.</summary>
public static class AdeTeacherStage
{
    public static async Task<AdeTeacherLabels> LabelAsync(string split, IReadOnlyList<ITeacher> teachers, IReadOnlyList<Document> sentences,
        IProgress<AdeStageEvent>? progress, CancellationToken cancellationToken)
    {
        var labels = new List<IReadOnlyList<RelationLabeling>>();
        var fromCache = 0;
        foreach (var teacher in teachers)
        {
            var answers = new RelationLabeling[sentences.Count];
            for (var d = 0; d < sentences.Count; d++)
            {
                var labeling = await teacher.LabelAsync(sentences[d], PairSpans.EntityType, cancellationToken).ConfigureAwait(false);
                answers[d] = RelationLabeling.From(labeling);
                if (labeling.FromCache) fromCache++;
            }
            var failed = answers.Count(a => a.Error is not null);
            progress?.Report(new AdeStageEvent("teachers", $"{teacher.Name} on {split}: {answers.Sum(a => a.Pairs.Count)} pairs in {sentences.Count} sentences" +
                (failed > 0 ? $", {failed} failed (first: {answers.First(a => a.Error is not null).Error})" : "") +
                (answers.Sum(a => a.PairsNotFound) is var missing and > 0 ? $", {missing} named pairs not in the text" : "")));
            labels.Add(answers);
        }
        var total = teachers.Count * sentences.Count;
        return new AdeTeacherLabels(split, teachers.Select(t => t.Name).ToArray(), sentences.Select(s => s.Id).ToArray(), labels, total > 0 && fromCache == total);
    }
}
