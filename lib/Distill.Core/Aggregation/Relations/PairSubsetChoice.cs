namespace Distill.Aggregation.Relations;

/// <summary>What the pair subset search chose, every score it computed, and the fitted pattern probabilities of the choice.</summary>
/// <param name="Teachers">The teachers searched over, in vote-bit order.</param>
/// <param name="Scores">Every subset × rule, best strict dev F1 first.</param>
/// <param name="Chosen">The pick: highest strict dev F1; ties go to the cheaper, then the smaller subset.</param>
/// <param name="Probabilities">The chosen rule's probability per compressed vote pattern (fitted on all of dev).</param>
public sealed record PairSubsetChoice(IReadOnlyList<string> Teachers, IReadOnlyList<PairSubsetScore> Scores, PairSubsetScore Chosen, double[] Probabilities);
