namespace Distill.Aggregation;

/// <summary>
/// How a teacher subset's token votes become one label: the labeler contract the subset search iterates over
/// (Snorkel's <c>BaseLabeler</c>, under which its baselines and <c>LabelModel</c> sit side by side). The reference
/// study does not say how it combined a subset's labels; we make the rule explicit and search over it too.
/// <para>
/// A combiner works on vote patterns, not tokens: for a k-teacher subset, pattern q (0 ≤ q &lt; 2^k) has bit j set
/// when the subset's j-th teacher votes inside. Fitting and applying only need how many tokens carry each pattern,
/// so both cost O(2^k) whatever the corpus size.
/// </para>
/// </summary>
public interface ILabelCombiner
{
    /// <summary>Snake-case name used in tables, files and <c>--rules</c> (<c>union</c>, <c>label_model</c>, ...).</summary>
    string Name { get; }

    /// <summary>
    /// Whether <see cref="Fit"/> learns from gold labels. The search then scores it by cross-validation over
    /// documents, so its weights never see the tokens they are scored on.
    /// </summary>
    bool NeedsGold { get; }

    /// <summary>
    /// Whether <see cref="Apply"/> refits on the unlabeled set's own votes instead of using the table fitted on dev
    /// (an unsupervised model can; what the provenance keeps as the dev table is then not what labeled the pool).
    /// </summary>
    bool RefitsOnUnlabeled { get; }

    /// <summary>
    /// P(inside | pattern) for every pattern of a <paramref name="k"/>-teacher subset (length 2^k, values in [0, 1]),
    /// fitted on <paramref name="tokens"/>[q] tokens per pattern of which <paramref name="gold"/>[q] are gold inside
    /// (combiners that do not need gold ignore it). Throws <see cref="ArgumentException"/> on counts of another length.
    /// </summary>
    double[] Fit(int k, long[] tokens, long[] gold);

    /// <summary>
    /// The table that labels an unlabeled set whose pattern counts are <paramref name="unlabeledTokens"/> (length 2^k),
    /// given <paramref name="fitted"/>, the table <see cref="Fit"/> gave on dev.
    /// </summary>
    double[] Apply(int k, double[] fitted, long[] unlabeledTokens);
}
