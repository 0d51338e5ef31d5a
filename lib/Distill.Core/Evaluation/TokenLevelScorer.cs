using Distill.Corpora;

namespace Distill.Evaluation;

/// <summary>
/// The reference study's token-level metric under IO tagging (see <see cref="MatchingMode.TokenIo"/> for how
/// tokens are counted). Spans of types outside the scored list are dropped before tagging, on both sides.
/// Gold is tokenized and tagged once (<see cref="Prepare"/>), so scoring many systems or teacher subsets
/// against the same gold costs one pass over the predicted tags each.
/// </summary>
internal sealed class TokenLevelScorer
{
    readonly IWordTokenizer tokenizer;

    public TokenLevelScorer(IWordTokenizer? tokenizer = null) => this.tokenizer = tokenizer ?? ClinicalWordTokenizer.Instance;

    /// <summary>Tokenizes gold and encodes its tags as type ids (0 = O, t + 1 = <c>types[t]</c>).</summary>
    public TokenizedGold Prepare(IReadOnlyList<Document> gold, IReadOnlyList<string> types)
    {
        CheckTypes(types);
        var tokens = new IReadOnlyList<Token>[gold.Count];
        var tags = new byte[gold.Count][];
        for (var d = 0; d < gold.Count; d++)
        {
            tokens[d] = tokenizer.Tokenize(gold[d].Text);
            tags[d] = TagIds(tokens[d], gold[d].Spans, types);
        }
        return new TokenizedGold(gold, types, tokens, tags);
    }

    /// <summary>Counts per document and type for documents already aligned with gold (<see cref="DocumentPairing.Align"/>).</summary>
    public DocumentCounts Count(TokenizedGold gold, IReadOnlyList<Document> alignedPredictions)
    {
        if (alignedPredictions.Count != gold.Documents.Count)
            throw new ArgumentException($"{alignedPredictions.Count} predicted documents for {gold.Documents.Count} gold documents; align them first.");
        var predicted = new byte[gold.Documents.Count][];
        for (var d = 0; d < predicted.Length; d++)
            predicted[d] = TagIds(gold.Tokens[d], alignedPredictions[d].Spans, gold.Types);
        return Count(gold, predicted);
    }

    /// <summary>Counts from predicted tag ids (0 = O, t + 1 = type t), one array per gold document, one id per gold token.</summary>
    public static DocumentCounts Count(TokenizedGold gold, IReadOnlyList<byte[]> predictedTagIds)
    {
        var k = gold.Types.Count;
        var n = gold.Documents.Count;
        if (predictedTagIds.Count != n)
            throw new ArgumentException($"{predictedTagIds.Count} predicted tag arrays for {n} gold documents.");
        var tp = new int[n * k];
        var fp = new int[n * k];
        var fn = new int[n * k];
        for (var d = 0; d < n; d++)
        {
            var g = gold.TagIds[d];
            var p = predictedTagIds[d];
            if (p.Length != g.Length)
                throw new ArgumentException($"Document '{gold.Documents[d].Id}': {p.Length} predicted tags for {g.Length} tokens.");
            Tally(g, p, tp.AsSpan(d * k, k), fp.AsSpan(d * k, k), fn.AsSpan(d * k, k));
        }
        return new DocumentCounts(MatchingMode.TokenIo, gold.Documents.Select(x => x.Id).ToArray(), gold.Types, tp, fp, fn);
    }

    /// <summary>
    /// Micro-averaged counts from ready-made IO tag strings (<c>"O"</c> = outside, otherwise the entity type), one
    /// gold and one predicted tag per token, for callers that already hold tags (the student's dev-set selection).
    /// Same rule as <see cref="Count(TokenizedGold, IReadOnlyList{byte[]})"/>, pooled over all types seen.
    /// </summary>
    public static PrecisionRecallF1 CountMicro(IEnumerable<(IReadOnlyList<string> Gold, IReadOnlyList<string> Predicted)> documents)
    {
        var ids = new Dictionary<string, byte>(StringComparer.Ordinal) { [IoTagging.Outside] = 0 };
        var tp = new int[byte.MaxValue];
        var fp = new int[byte.MaxValue];
        var fn = new int[byte.MaxValue];
        byte[] IdsOf(IReadOnlyList<string> tags)
        {
            var result = new byte[tags.Count];
            for (var i = 0; i < result.Length; i++)
            {
                if (!ids.TryGetValue(tags[i], out var id))
                {
                    if (ids.Count == byte.MaxValue) throw new ArgumentException($"Token-level scoring needs at most 254 entity types; tag '{tags[i]}' is one more.");
                    ids[tags[i]] = id = (byte)ids.Count;
                }
                result[i] = id;
            }
            return result;
        }
        foreach (var (gold, predicted) in documents)
        {
            if (gold.Count != predicted.Count) throw new ArgumentException($"{gold.Count} gold tags but {predicted.Count} predicted.");
            Tally(IdsOf(gold), IdsOf(predicted), tp, fp, fn);
        }
        return new PrecisionRecallF1(tp.Sum(x => (long)x), fp.Sum(x => (long)x), fn.Sum(x => (long)x));
    }

    // The one counting rule: a token is a true positive of type t when gold and prediction both say t; otherwise
    // it is a false positive of the predicted type and a false negative of the gold type (unless that side is O).
    // Tag id t + 1 counts at index t.
    static void Tally(ReadOnlySpan<byte> gold, ReadOnlySpan<byte> predicted, Span<int> tp, Span<int> fp, Span<int> fn)
    {
        for (var i = 0; i < gold.Length; i++)
        {
            int g = gold[i], p = predicted[i];
            if (g == p)
            {
                if (g != 0) tp[g - 1]++;
                continue;
            }
            if (p != 0) fp[p - 1]++;
            if (g != 0) fn[g - 1]++;
        }
    }

    /// <summary>Tag ids of spans over tokens, via <see cref="IoTagging.Encode"/> on the spans of scored types.</summary>
    public static byte[] TagIds(IReadOnlyList<Token> tokens, IEnumerable<EntitySpan> spans, IReadOnlyList<string> types)
    {
        var tags = IoTagging.Encode(tokens, spans.Where(s => IndexOf(types, s.Type) >= 0));
        var ids = new byte[tags.Length];
        for (var i = 0; i < tags.Length; i++)
            ids[i] = tags[i] == IoTagging.Outside ? (byte)0 : (byte)(IndexOf(types, tags[i]) + 1);
        return ids;
    }

    static int IndexOf(IReadOnlyList<string> types, string type)
    {
        for (var t = 0; t < types.Count; t++)
            if (types[t] == type) return t;
        return -1;
    }

    static void CheckTypes(IReadOnlyList<string> types)
    {
        if (types.Count is 0 or > 254)
            throw new ArgumentException($"Token-level scoring needs 1 to 254 entity types; got {types.Count}.");
        if (types.Distinct(StringComparer.Ordinal).Count() != types.Count)
            throw new ArgumentException($"Entity types repeat: {string.Join(", ", types)}.");
        if (types.Contains(IoTagging.Outside))
            throw new ArgumentException($"'{IoTagging.Outside}' is the outside tag, not an entity type.");
    }
}

/// <summary>Gold documents with their word tokens and IO tag ids (0 = O, t + 1 = <see cref="Types"/>[t]).</summary>
public sealed record TokenizedGold(
    IReadOnlyList<Document> Documents,
    IReadOnlyList<string> Types,
    IReadOnlyList<IReadOnlyList<Token>> Tokens,
    IReadOnlyList<byte[]> TagIds);
