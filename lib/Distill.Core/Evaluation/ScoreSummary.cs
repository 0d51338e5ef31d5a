namespace Distill.Evaluation;

/// <summary>
/// Scores of one system under one <see cref="MatchingMode"/>: per type, the micro average (counts pooled
/// over types) and the macro average (unweighted mean over <see cref="Types"/> of each type's precision,
/// recall and F1, as seqeval's <c>macro avg</c>; so macro F1 is the mean of F1s, not the F1 of the means).
/// </summary>
public sealed record ScoreSummary(
    MatchingMode Mode,
    IReadOnlyList<string> Types,
    IReadOnlyDictionary<string, PrecisionRecallF1> PerType,
    PrecisionRecallF1 Micro,
    double MacroPrecision,
    double MacroRecall,
    double MacroF1)
{
    public static ScoreSummary From(MatchingMode mode, IReadOnlyList<string> types, IReadOnlyDictionary<string, PrecisionRecallF1> perType)
    {
        long tp = 0, fp = 0, fn = 0, ptp = 0;
        double p = 0, r = 0, f = 0;
        foreach (var type in types)
        {
            var s = perType[type];
            tp += s.TruePositives; fp += s.FalsePositives; fn += s.FalseNegatives; ptp += s.PredictedTruePositives;
            p += s.Precision; r += s.Recall; f += s.F1;
        }
        var n = Math.Max(1, types.Count);
        return new ScoreSummary(mode, types, perType, new PrecisionRecallF1(tp, fp, fn, ptp), p / n, r / n, f / n);
    }

    /// <summary>F1 of one type, or of an average: <see cref="MicroAverage"/> or <see cref="MacroAverage"/>.</summary>
    public double F1Of(string typeOrAverage) => typeOrAverage switch
    {
        MicroAverage => Micro.F1,
        MacroAverage => MacroF1,
        _ => PerType.TryGetValue(typeOrAverage, out var s)
            ? s.F1
            : throw new KeyNotFoundException($"No score for '{typeOrAverage}'; types: {string.Join(", ", Types)}, or {MicroAverage}/{MacroAverage}."),
    };

    /// <summary>Name used in tables and for <see cref="F1Of"/> for the micro average.</summary>
    public const string MicroAverage = "micro";

    /// <summary>Name used in tables and for <see cref="F1Of"/> for the macro average.</summary>
    public const string MacroAverage = "macro";
}
