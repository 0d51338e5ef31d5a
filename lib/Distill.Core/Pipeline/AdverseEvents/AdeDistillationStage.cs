using Distill.Aggregation.Relations;
using Distill.Corpora;
using Distill.Teachers.Relations;

namespace Distill.Pipeline.AdverseEvents;

/// <summary>The distillation set: its lines and file.</summary>
public sealed record AdeDistillationResult(IReadOnlyList<AdeDistillationLine> Lines, string Path, int Pairs, int Drugs);

/// <summary>
/// Builds the student's training set from the pool: the chosen combination's pairs (with their probabilities) and,
/// as the drugs the student learns to find, those pairs' drugs plus the offline drug lexicons' matches (so sentences
/// without an adverse event still teach drug NER and give the event head drugs with no events). No gold is read.
/// </summary>
public static class AdeDistillationStage
{
    public static AdeDistillationResult Run(AdeSearchResult search, AdeTeacherLabels pool, IReadOnlyList<Document> sentences, AdeMentionRecognizer mentions, AdeRunLayout layout)
    {
        var combined = AdeSearchStage.Combine(search.Choice, pool);
        var lines = sentences.Select((s, d) => AdeDistillationLine.From(s.Id, s.Text,
            MergeDrugs(combined[d].Select(p => p.Pair.Drug), mentions.Drugs(s.Text)), combined[d])).ToArray();
        AdeLineFile.Write(layout.DistillationSet, lines);
        return new AdeDistillationResult(lines, layout.DistillationSet, lines.Sum(l => l.Pairs.Count), lines.Sum(l => l.Drugs.Count));
    }

    /// <summary>The pairs' drugs, then each lexicon drug that overlaps none of them.</summary>
    static IEnumerable<EntitySpan> MergeDrugs(IEnumerable<EntitySpan> fromPairs, IEnumerable<EntitySpan> fromLexicons)
    {
        var kept = fromPairs.DistinctBy(d => (d.Start, d.End)).ToList();
        kept.AddRange(fromLexicons.Where(d => !kept.Any(k => k.Overlaps(d))));
        return kept;
    }
}
