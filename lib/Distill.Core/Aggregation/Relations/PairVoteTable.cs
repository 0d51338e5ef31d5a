using Distill.Corpora.Relations;

namespace Distill.Aggregation.Relations;

/// <summary>A candidate pair of one sentence and the teachers that emitted it (bit i = teacher i).</summary>
public sealed record PairCandidate(AdePair Pair, uint Votes);

/// <summary>
/// Pair votes, as <see cref="VoteTable"/> holds token votes: for each sentence, every distinct pair (same four offsets)
/// that any teacher emitted and which teachers emitted it. A pair no teacher emitted cannot be voted in, so a
/// combination's recall is bounded by the union's.
/// </summary>
public sealed class PairVoteTable
{
    PairVoteTable(IReadOnlyList<string> teachers, IReadOnlyList<string> documentIds, IReadOnlyList<IReadOnlyList<PairCandidate>> candidates)
    {
        Teachers = teachers;
        DocumentIds = documentIds;
        Candidates = candidates;
    }

    public IReadOnlyList<string> Teachers { get; }
    public IReadOnlyList<string> DocumentIds { get; }

    /// <summary>Per sentence, its candidates in text order.</summary>
    public IReadOnlyList<IReadOnlyList<PairCandidate>> Candidates { get; }

    /// <param name="teachers">Teacher names, in vote-bit order.</param>
    /// <param name="documentIds">Sentence ids.</param>
    /// <param name="pairs"><paramref name="pairs"/>[t][d]: teacher t's pairs for sentence d (empty when it failed).</param>
    public static PairVoteTable Build(IReadOnlyList<string> teachers, IReadOnlyList<string> documentIds, IReadOnlyList<IReadOnlyList<IReadOnlyList<AdePair>>> pairs)
    {
        if (teachers.Count is < 1 or > TeacherSubset.MaxTeachers)
            throw new ArgumentException($"Pair votes take 1 to {TeacherSubset.MaxTeachers} teachers, got {teachers.Count}.", nameof(teachers));
        if (pairs.Count != teachers.Count || pairs.Any(p => p.Count != documentIds.Count))
            throw new ArgumentException($"Expected pair lists for {teachers.Count} teachers × {documentIds.Count} sentences.", nameof(pairs));
        var candidates = new IReadOnlyList<PairCandidate>[documentIds.Count];
        for (var d = 0; d < documentIds.Count; d++)
        {
            var votes = new Dictionary<(int, int, int, int), (AdePair Pair, uint Votes)>();
            for (var t = 0; t < teachers.Count; t++)
                foreach (var pair in pairs[t][d])
                    votes[pair.Key] = votes.TryGetValue(pair.Key, out var v) ? (v.Pair, v.Votes | 1u << t) : (pair, 1u << t);
            candidates[d] = votes.Values.OrderBy(v => v.Pair.Drug.Start).ThenBy(v => v.Pair.AdverseEvent.Start)
                .Select(v => new PairCandidate(v.Pair, v.Votes)).ToArray();
        }
        return new PairVoteTable(teachers, documentIds, candidates);
    }

    /// <summary>The candidate's votes compressed to <paramref name="subset"/>: bit j = the subset's j-th teacher voted.</summary>
    public static uint Compress(uint votes, TeacherSubset subset)
    {
        uint q = 0;
        var j = 0;
        foreach (var member in subset.Members())
        {
            if ((votes >> member & 1u) != 0) q |= 1u << j;
            j++;
        }
        return q;
    }

    /// <summary>
    /// Counts per compressed pattern over sentences <paramref name="documents"/> (null: all): <c>Pairs[q]</c> candidates with
    /// pattern q and, when <paramref name="gold"/> is given, <c>Gold[q]</c> of them that are gold pairs (strict), the
    /// fitting data of <see cref="ILabelCombiner.Fit"/>.
    /// </summary>
    public (long[] Pairs, long[] Gold) PatternCounts(TeacherSubset subset, IReadOnlyList<IReadOnlyList<AdePair>>? gold, IEnumerable<int>? documents = null)
    {
        var size = 1 << subset.Count;
        long[] pairs = new long[size], positives = new long[size];
        foreach (var d in documents ?? Enumerable.Range(0, DocumentIds.Count))
        {
            var goldKeys = gold?[d].Select(p => p.Key).ToHashSet();
            foreach (var candidate in Candidates[d])
            {
                var q = Compress(candidate.Votes, subset);
                if (q == 0) continue;
                pairs[q]++;
                if (goldKeys is not null && goldKeys.Contains(candidate.Pair.Key)) positives[q]++;
            }
        }
        return (pairs, positives);
    }

    /// <summary>
    /// The combined pairs of each sentence: candidates whose compressed pattern has probability ≥ 0.5 under
    /// <paramref name="probabilities"/> (from <see cref="ILabelCombiner.Fit"/>), with that probability (the soft label).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<(AdePair Pair, double Probability)>> Apply(TeacherSubset subset, double[] probabilities, IEnumerable<int>? documents = null)
    {
        var result = new List<IReadOnlyList<(AdePair, double)>>();
        foreach (var d in documents ?? Enumerable.Range(0, DocumentIds.Count))
        {
            var kept = new List<(AdePair, double)>();
            foreach (var candidate in Candidates[d])
            {
                var q = Compress(candidate.Votes, subset);
                if (q != 0 && probabilities[q] >= 0.5) kept.Add((candidate.Pair, probabilities[q]));
            }
            result.Add(kept);
        }
        return result;
    }
}
