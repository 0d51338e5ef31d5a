namespace Distill.Evaluation;

/// <summary>
/// Match counts per document and entity type: the sufficient statistics of every score here. Kept as flat
/// arrays indexed <c>[document * Types.Count + type]</c> so the bootstrap and the teacher subset search can
/// re-sum them over resampled or selected documents without rescoring.
/// </summary>
public sealed class DocumentCounts
{
    public DocumentCounts(MatchingMode mode, IReadOnlyList<string> documentIds, IReadOnlyList<string> types,
        int[] truePositives, int[] falsePositives, int[] falseNegatives, int[]? predictedTruePositives = null)
    {
        var cells = documentIds.Count * types.Count;
        foreach (var (name, array) in new[] { ("truePositives", truePositives), ("falsePositives", falsePositives), ("falseNegatives", falseNegatives), ("predictedTruePositives", predictedTruePositives ?? truePositives) })
            if (array.Length != cells)
                throw new ArgumentException($"{name} has {array.Length} cells; expected documents × types = {documentIds.Count} × {types.Count} = {cells}.");
        Mode = mode;
        DocumentIds = documentIds;
        Types = types;
        TruePositives = truePositives;
        FalsePositives = falsePositives;
        FalseNegatives = falseNegatives;
        PredictedTruePositives = predictedTruePositives ?? truePositives;
    }

    public MatchingMode Mode { get; }
    public IReadOnlyList<string> DocumentIds { get; }

    /// <summary>Entity types, in the order of the type index.</summary>
    public IReadOnlyList<string> Types { get; }

    /// <summary>Gold-side matches, <c>[document * Types.Count + type]</c>.</summary>
    public int[] TruePositives { get; }
    public int[] FalsePositives { get; }
    public int[] FalseNegatives { get; }

    /// <summary>Predicted-side matches; the same array as <see cref="TruePositives"/> except under lenient matching.</summary>
    public int[] PredictedTruePositives { get; }

    public int DocumentCount => DocumentIds.Count;

    /// <summary>Index of a type, or a clear error listing the types scored.</summary>
    public int TypeIndex(string type)
    {
        for (var t = 0; t < Types.Count; t++)
            if (Types[t] == type) return t;
        throw new KeyNotFoundException($"Type '{type}' was not scored; types: {string.Join(", ", Types)}.");
    }

    /// <summary>Scores per type, micro and macro averages over all documents.</summary>
    public ScoreSummary Summarize() => SummarizeTotals(Totals());

    /// <summary>Scores over a multiset of documents (indices may repeat, as in a bootstrap resample).</summary>
    public ScoreSummary Summarize(ReadOnlySpan<int> documentIndices) => SummarizeTotals(Totals(documentIndices));

    /// <summary>Count totals per type over all documents.</summary>
    public TypeTotals Totals()
    {
        var totals = TypeTotals.Zero(Types.Count);
        for (var d = 0; d < DocumentCount; d++) Add(totals, d);
        return totals;
    }

    /// <summary>Count totals per type over a multiset of documents (indices may repeat).</summary>
    public TypeTotals Totals(ReadOnlySpan<int> documentIndices)
    {
        var totals = TypeTotals.Zero(Types.Count);
        foreach (var d in documentIndices)
        {
            if ((uint)d >= (uint)DocumentCount)
                throw new ArgumentOutOfRangeException(nameof(documentIndices), $"Document index {d} is outside 0..{DocumentCount - 1}.");
            Add(totals, d);
        }
        return totals;
    }

    void Add(TypeTotals totals, int document)
    {
        var k = Types.Count;
        var offset = document * k;
        for (var t = 0; t < k; t++)
        {
            totals.TruePositives[t] += TruePositives[offset + t];
            totals.FalsePositives[t] += FalsePositives[offset + t];
            totals.FalseNegatives[t] += FalseNegatives[offset + t];
            totals.PredictedTruePositives[t] += PredictedTruePositives[offset + t];
        }
    }

    /// <summary>Scores from totals (e.g. totals a caller summed itself).</summary>
    public ScoreSummary SummarizeTotals(TypeTotals totals)
    {
        var perType = new Dictionary<string, PrecisionRecallF1>(Types.Count);
        for (var t = 0; t < Types.Count; t++)
            perType[Types[t]] = new PrecisionRecallF1(totals.TruePositives[t], totals.FalsePositives[t], totals.FalseNegatives[t], totals.PredictedTruePositives[t]);
        return ScoreSummary.From(Mode, Types, perType);
    }
}

/// <summary>Per-type count totals (arrays indexed like <see cref="DocumentCounts.Types"/>).</summary>
public sealed record TypeTotals(long[] TruePositives, long[] FalsePositives, long[] FalseNegatives, long[] PredictedTruePositives)
{
    public static TypeTotals Zero(int types) => new(new long[types], new long[types], new long[types], new long[types]);
}
