using Distill.Corpora.Relations;

namespace Distill.Teachers.Relations;

/// <summary>One relation teacher's pairs for one sentence, with what they cost (decoded from a <see cref="TeacherLabeling"/>).</summary>
/// <param name="Teacher">The teacher's name.</param>
/// <param name="DocumentId">The sentence's id.</param>
/// <param name="Pairs">Pairs found; empty on error.</param>
/// <param name="Seconds">Wall time of the original call.</param>
/// <param name="CostUsd">Price of the original call.</param>
/// <param name="FromCache">Replayed from the cache.</param>
/// <param name="Error">Null on success.</param>
/// <param name="PairsNotFound">Pairs the teacher named that could not be located in the text (LLM teachers).</param>
public sealed record RelationLabeling(string Teacher, string DocumentId, IReadOnlyList<AdePair> Pairs, double Seconds, decimal CostUsd,
    bool FromCache, string? Error, int PairsNotFound)
{
    public static RelationLabeling From(TeacherLabeling labeling) => new(
        labeling.Teacher, labeling.DocumentId, labeling.Succeeded ? PairSpans.Decode(labeling.Spans) : [],
        labeling.Latency.TotalSeconds, labeling.CostUsd, labeling.FromCache, labeling.Error, labeling.MentionsNotFound);
}
