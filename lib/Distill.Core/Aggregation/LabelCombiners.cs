using System.Numerics;

namespace Distill.Aggregation;

/// <summary>The combiners the subset search tries by default, in the order ties between them are broken.</summary>
public static class LabelCombiners
{
    /// <summary>Inside when any teacher says so.</summary>
    public static ILabelCombiner Union { get; } = new VoteCountRule("union", (votes, _) => votes > 0);

    /// <summary>Inside when every teacher says so.</summary>
    public static ILabelCombiner Intersection { get; } = new VoteCountRule("intersection", (votes, k) => votes == k);

    /// <summary>Inside when strictly more than half the teachers say so (with two teachers: both).</summary>
    public static ILabelCombiner Majority { get; } = new VoteCountRule("majority", (votes, k) => 2 * votes > k);

    /// <summary>
    /// Naive-Bayes weighted vote (<see cref="NaiveBayesVote"/>): each teacher's vote weighs log(sensitivity / false-positive
    /// rate), its silence log((1 − sensitivity) / (1 − false-positive rate)), with rates learned on the gold dev tokens
    /// (Laplace-smoothed). Scored on dev by 5-fold cross-validation over documents.
    /// </summary>
    public static ILabelCombiner WeightedVote { get; } = new WeightedVoteCombiner();

    /// <summary>
    /// Dawid–Skene label model (<see cref="DawidSkeneLabelModel"/>, the binary, class-conditional form Snorkel's LabelModel
    /// generalises): EM over the teachers' votes with no gold, giving a probability per token usable as a soft label.
    /// </summary>
    public static ILabelCombiner LabelModel { get; } = new LabelModelCombiner();

    /// <summary>Every built-in combiner, in tie-breaking order (the order of the former <c>CombinationRule</c> enum).</summary>
    public static IReadOnlyList<ILabelCombiner> All { get; } = [Union, Intersection, Majority, WeightedVote, LabelModel];

    /// <summary>The built-in combiner of that name (case, '-' and '_' alike), or an error listing the names.</summary>
    public static ILabelCombiner Parse(string name)
    {
        var key = name.Trim().ToLowerInvariant().Replace('-', '_');
        return All.FirstOrDefault(c => c.Name == key)
            ?? throw new ArgumentException($"Unknown combination rule '{name}'; expected one of: {string.Join(", ", All.Select(c => c.Name))}.");
    }

    /// <summary>Position in <see cref="All"/> (a combiner from elsewhere sorts after the built-in ones): the search's last tie-break.</summary>
    internal static int Rank(ILabelCombiner combiner)
    {
        for (var i = 0; i < All.Count; i++)
            if (ReferenceEquals(All[i], combiner)) return i;
        return All.Count;
    }

    /// <summary>Throws unless both count arrays have one entry per pattern of a <paramref name="k"/>-teacher subset.</summary>
    internal static void CheckPatternCounts(int k, long[] tokens, long[] gold)
    {
        var size = 1 << k;
        if (tokens.Length != size || gold.Length != size)
            throw new ArgumentException($"Expected {size} pattern counts for {k} teachers, got {tokens.Length} and {gold.Length}.");
    }

    /// <summary>Number of teachers voting inside in pattern <paramref name="q"/>.</summary>
    internal static int Votes(uint q) => BitOperations.PopCount(q);
}
