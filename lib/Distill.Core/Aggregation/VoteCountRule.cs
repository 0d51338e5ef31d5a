namespace Distill.Aggregation;

/// <summary>
/// A hard rule on how many of the k teachers vote inside (union, intersection, majority): P(inside | pattern) is 0 or
/// 1, needs no gold, and the dev table labels the pool as it is.
/// </summary>
internal sealed class VoteCountRule(string name, Func<int, int, bool> inside) : ILabelCombiner
{
    public string Name => name;
    public bool NeedsGold => false;
    public bool RefitsOnUnlabeled => false;

    public double[] Fit(int k, long[] tokens, long[] gold)
    {
        LabelCombiners.CheckPatternCounts(k, tokens, gold);
        var p = new double[1 << k];
        for (uint q = 0; q < p.Length; q++) p[q] = inside(LabelCombiners.Votes(q), k) ? 1 : 0;
        return p;
    }

    public double[] Apply(int k, double[] fitted, long[] unlabeledTokens) => fitted;

    public override string ToString() => name;
}
