using Distill.Corpora.Relations;

namespace Distill.Evaluation.Relations;

/// <summary>
/// Pair-level scoring of ADE extraction, micro over sentences: a predicted (drug, adverse event) pair matches a gold
/// pair <b>strict</b>ly when both spans have the same offsets, <b>lenient</b>ly when the drug spans overlap and the
/// event spans overlap (Gu et al. 2023 report both). Recall counts gold pairs some prediction matches; precision
/// counts predictions that match some gold pair. Counts are kept per sentence in a <see cref="DocumentCounts"/> of
/// the one type <see cref="PairType"/>, so <see cref="Bootstrap"/> gives the sentence-bootstrap intervals as for spans.
/// </summary>
public static class PairScorer
{
    /// <summary>The type name pair counts are kept under.</summary>
    public const string PairType = "ade_pair";

    /// <param name="documentIds">Sentence ids, one per entry of <paramref name="gold"/> and <paramref name="predicted"/>.</param>
    /// <param name="gold">Gold pairs per sentence (empty for a negative sentence).</param>
    /// <param name="predicted">Predicted pairs per sentence, aligned with <paramref name="gold"/>.</param>
    /// <param name="mode"><see cref="MatchingMode.EntityStrict"/> or <see cref="MatchingMode.EntityLenient"/>.</param>
    public static DocumentCounts Count(IReadOnlyList<string> documentIds, IReadOnlyList<IReadOnlyList<AdePair>> gold,
        IReadOnlyList<IReadOnlyList<AdePair>> predicted, MatchingMode mode)
    {
        if (mode == MatchingMode.TokenIo) throw new ArgumentException("Pairs are scored strict or lenient, not token by token.", nameof(mode));
        if (gold.Count != documentIds.Count || predicted.Count != documentIds.Count)
            throw new ArgumentException($"{documentIds.Count} sentences but {gold.Count} gold and {predicted.Count} predicted pair lists; align them first.");
        var n = documentIds.Count;
        int[] tp = new int[n], fp = new int[n], fn = new int[n], ptp = new int[n];
        for (var d = 0; d < n; d++)
        {
            var g = gold[d].DistinctBy(p => p.Key).ToArray();
            var p = predicted[d].DistinctBy(x => x.Key).ToArray();
            Func<AdePair, AdePair, bool> match = mode == MatchingMode.EntityStrict ? (a, b) => a.Key == b.Key : (a, b) => a.Overlaps(b);
            tp[d] = g.Count(x => p.Any(y => match(y, x)));
            fn[d] = g.Length - tp[d];
            ptp[d] = p.Count(y => g.Any(x => match(y, x)));
            fp[d] = p.Length - ptp[d];
        }
        return new DocumentCounts(mode, documentIds, [PairType], tp, fp, fn, ptp);
    }

    /// <summary>Strict and lenient scores with their bootstrap intervals (sentences resampled, one seed for both).</summary>
    public static PairScores Score(IReadOnlyList<string> documentIds, IReadOnlyList<IReadOnlyList<AdePair>> gold,
        IReadOnlyList<IReadOnlyList<AdePair>> predicted, BootstrapOptions? bootstrap = null)
    {
        var strict = Count(documentIds, gold, predicted, MatchingMode.EntityStrict);
        var lenient = Count(documentIds, gold, predicted, MatchingMode.EntityLenient);
        return new PairScores(
            strict.Summarize().PerType[PairType], Bootstrap.ConfidenceIntervals(strict, bootstrap)[PairType],
            lenient.Summarize().PerType[PairType], Bootstrap.ConfidenceIntervals(lenient, bootstrap)[PairType]);
    }
}
