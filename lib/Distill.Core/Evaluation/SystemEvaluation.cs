using Distill.Corpora;

namespace Distill.Evaluation;

/// <summary>One system scored against gold under every <see cref="MatchingMode"/>, with the per-document counts kept.</summary>
public sealed record SystemEvaluation(string System, IReadOnlyList<string> Types, IReadOnlyDictionary<MatchingMode, DocumentCounts> Counts)
{
    public ScoreSummary Summary(MatchingMode mode) => Counts[mode].Summarize();

    /// <summary>
    /// Scores <paramref name="predicted"/> against <paramref name="gold"/> on <paramref name="types"/>
    /// (default: the types present in gold, see <see cref="DocumentPairing.GoldTypes"/>).
    /// </summary>
    public static SystemEvaluation Evaluate(string system, IReadOnlyList<Document> gold, IReadOnlyList<Document> predicted,
        IReadOnlyList<string>? types = null, TokenizedGold? tokenizedGold = null)
    {
        types ??= tokenizedGold?.Types ?? DocumentPairing.GoldTypes(gold);
        if (types.Count == 0)
            throw new InvalidDataException("Gold has no spans, so there are no entity types to score; pass the types explicitly.");
        var aligned = DocumentPairing.Align(gold, predicted, system);
        var scorer = new TokenLevelScorer();
        tokenizedGold ??= scorer.Prepare(gold, types);
        if (!tokenizedGold.Types.SequenceEqual(types) || !tokenizedGold.Documents.Select(d => d.Id).SequenceEqual(gold.Select(d => d.Id)))
            throw new ArgumentException("The tokenized gold was prepared for other documents or types.");
        return new SystemEvaluation(system, types, new Dictionary<MatchingMode, DocumentCounts>
        {
            [MatchingMode.TokenIo] = scorer.Count(tokenizedGold, aligned),
            [MatchingMode.EntityStrict] = EntityLevelScorer.Count(gold, aligned, types, MatchingMode.EntityStrict),
            [MatchingMode.EntityLenient] = EntityLevelScorer.Count(gold, aligned, types, MatchingMode.EntityLenient),
        });
    }
}
