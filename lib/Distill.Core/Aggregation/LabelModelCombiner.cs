namespace Distill.Aggregation;

/// <summary>
/// <see cref="LabelCombiners.LabelModel"/>: a <see cref="DawidSkeneLabelModel"/> fitted by EM on the votes alone. It needs
/// no gold, so on the pool it is refitted on the pool's own votes (more tokens than dev, the same distribution the
/// student learns from) rather than reusing the dev table.
/// </summary>
internal sealed class LabelModelCombiner : ILabelCombiner
{
    public string Name => "label_model";
    public bool NeedsGold => false;
    public bool RefitsOnUnlabeled => true;

    public double[] Fit(int k, long[] tokens, long[] gold)
    {
        LabelCombiners.CheckPatternCounts(k, tokens, gold);
        return DawidSkeneLabelModel.Fit(k, tokens).Probabilities;
    }

    public double[] Apply(int k, double[] fitted, long[] unlabeledTokens) => DawidSkeneLabelModel.Fit(k, unlabeledTokens).Probabilities;

    public override string ToString() => Name;
}
