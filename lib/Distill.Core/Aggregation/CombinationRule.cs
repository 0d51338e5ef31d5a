using System.Numerics;

namespace Distill.Aggregation;

/// <summary>
/// How a subset's token votes become one label. The reference study does not say how it combined a
/// subset's labels; we make the rule explicit and search over it too.
/// </summary>
public enum CombinationRule
{
    /// <summary>Inside when any teacher says so.</summary>
    Union,
    /// <summary>Inside when every teacher says so.</summary>
    Intersection,
    /// <summary>Inside when strictly more than half the teachers say so (with two teachers: both).</summary>
    Majority,
    /// <summary>
    /// Naive-Bayes weighted vote: each teacher's vote weighs log(sensitivity / false-positive rate),
    /// its silence log((1 − sensitivity) / (1 − false-positive rate)), with rates learned on the gold dev
    /// tokens (Laplace-smoothed). Scored on dev by 5-fold cross-validation over documents, so the
    /// weights never see the tokens they are scored on.
    /// </summary>
    WeightedVote,
    /// <summary>
    /// Dawid–Skene label model (the binary, class-conditional form Snorkel's LabelModel generalises):
    /// EM over the teachers' votes with no gold, giving a probability per token usable as a soft label.
    /// </summary>
    LabelModel,
}

public static class CombinationRules
{
    public static IReadOnlyList<CombinationRule> All { get; } = Enum.GetValues<CombinationRule>();

    /// <summary>Whether fitting the rule needs gold labels.</summary>
    public static bool NeedsGold(this CombinationRule rule) => rule == CombinationRule.WeightedVote;

    /// <summary>Snake-case name used in tables and files.</summary>
    public static string Name(this CombinationRule rule) => rule switch
    {
        CombinationRule.Union => "union",
        CombinationRule.Intersection => "intersection",
        CombinationRule.Majority => "majority",
        CombinationRule.WeightedVote => "weighted_vote",
        CombinationRule.LabelModel => "label_model",
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    public static CombinationRule Parse(string name)
    {
        var key = name.Trim().ToLowerInvariant().Replace('-', '_');
        foreach (var rule in All)
            if (rule.Name() == key) return rule;
        throw new ArgumentException($"Unknown combination rule '{name}'; expected one of: {string.Join(", ", All.Select(r => r.Name()))}.");
    }

    /// <summary>
    /// The probability that a token is inside, for each compressed vote pattern q of a k-teacher subset
    /// (bit j of q = the subset's j-th teacher votes inside). <paramref name="tokens"/>[q] and
    /// <paramref name="gold"/>[q] are the fitting data (gold is ignored by the unsupervised rules).
    /// </summary>
    public static double[] Fit(this CombinationRule rule, int k, long[] tokens, long[] gold)
    {
        var size = 1 << k;
        if (tokens.Length != size || gold.Length != size)
            throw new ArgumentException($"Expected {size} pattern counts for {k} teachers, got {tokens.Length} and {gold.Length}.");
        var all = (uint)size - 1;
        switch (rule)
        {
            case CombinationRule.Union:
                return Decide(size, q => q != 0);
            case CombinationRule.Intersection:
                return Decide(size, q => q == all);
            case CombinationRule.Majority:
                return Decide(size, q => 2 * BitOperations.PopCount(q) > k);
            case CombinationRule.WeightedVote:
                return NaiveBayesVote.Fit(k, tokens, gold).Probabilities;
            case CombinationRule.LabelModel:
                return DawidSkeneLabelModel.Fit(k, tokens).Probabilities;
            default:
                throw new ArgumentOutOfRangeException(nameof(rule));
        }
    }

    static double[] Decide(int size, Func<uint, bool> inside)
    {
        var p = new double[size];
        for (uint q = 0; q < size; q++) p[q] = inside(q) ? 1 : 0;
        return p;
    }
}
