using Distill.Evaluation;

namespace Distill.Aggregation.Relations;

/// <summary>Dev pair-level score of one teacher subset under one combination rule, with what the subset costs per sentence.</summary>
/// <param name="Rule">How the subset's pair votes were combined.</param>
/// <param name="Subset">The teachers, as a mask over the search's teacher list.</param>
/// <param name="Teachers">Their names joined with " + ".</param>
/// <param name="Strict">Strict pair counts on dev (both spans exact).</param>
/// <param name="Lenient">Lenient pair counts on dev (both spans overlap).</param>
/// <param name="CostPerSentence">Sum of the members' mean US dollars per sentence.</param>
/// <param name="SecondsPerSentence">Sum of the members' mean seconds per sentence (they run one after another).</param>
public sealed record PairSubsetScore(ILabelCombiner Rule, TeacherSubset Subset, string Teachers, PrecisionRecallF1 Strict, PrecisionRecallF1 Lenient,
    double CostPerSentence, double SecondsPerSentence);
