namespace Distill.Aggregation;

/// <summary>
/// <see cref="LabelCombiners.WeightedVote"/>: fits a <see cref="NaiveBayesVote"/> on gold dev tokens and labels the pool
/// with those weights (the pool has no gold to refit on).
/// </summary>
internal sealed class WeightedVoteCombiner : ILabelCombiner
{
    public string Name => "weighted_vote";
    public bool NeedsGold => true;
    public bool RefitsOnUnlabeled => false;

    public double[] Fit(int k, long[] tokens, long[] gold)
    {
        LabelCombiners.CheckPatternCounts(k, tokens, gold);
        return NaiveBayesVote.Fit(k, tokens, gold).Probabilities;
    }

    public double[] Apply(int k, double[] fitted, long[] unlabeledTokens) => fitted;

    public override string ToString() => Name;
}
