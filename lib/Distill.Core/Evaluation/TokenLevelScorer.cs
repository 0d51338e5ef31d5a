using Distill.Corpora;

namespace Distill.Evaluation;

/// <summary>
/// The reference study's token-level metric under IO tagging (see <see cref="MatchingMode.TokenIo"/> for how
/// tokens are counted). Spans of types outside the scored list are dropped before tagging, on both sides.
/// Gold is tokenized and tagged once (<see cref="Prepare"/>), so scoring many systems or teacher subsets
/// against the same gold costs one pass over the predicted tags each.
/// </summary>
public sealed class TokenLevelScorer
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
            var offset = d * k - 1; // tag id t + 1 lands at offset + t + 1
            for (var i = 0; i < g.Length; i++)
            {
                int gi = g[i], pi = p[i];
                if (gi == pi)
                {
                    if (gi != 0) tp[offset + gi]++;
                    continue;
                }
                if (pi != 0) fp[offset + pi]++;
                if (gi != 0) fn[offset + gi]++;
            }
        }
        return new DocumentCounts(MatchingMode.TokenIo, gold.Documents.Select(x => x.Id).ToArray(), gold.Types, tp, fp, fn);
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
