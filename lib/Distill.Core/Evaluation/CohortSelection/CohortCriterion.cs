namespace Distill.Evaluation.CohortSelection;

/// <summary>
/// One n2c2 2018 Track 1 criterion as questions (issue 19). A yes/no criterion is met when any of its questions is
/// answered "Yes"; a numeric one when any answer's number lies in [<see cref="Minimum"/>, <see cref="Maximum"/>]
/// (bounds open where <see cref="MinimumExclusive"/> says so). Anything else, "not answerable" included, is not met.
/// </summary>
/// <param name="Name">The criterion's tag, as the scorer names it (e.g. <c>CREATININE</c>).</param>
/// <param name="Questions">The questions asked, in order.</param>
/// <param name="Numeric">Whether the answers are numbers thresholded rather than yes/no.</param>
/// <param name="Minimum">Lowest value that meets a numeric criterion (null: none).</param>
/// <param name="Maximum">Highest value that meets it (null: none).</param>
/// <param name="MinimumExclusive">Whether <paramref name="Minimum"/> itself does not meet it (creatinine &gt; 1.3).</param>
public sealed record CohortCriterion(string Name, IReadOnlyList<string> Questions, bool Numeric = false, double? Minimum = null, double? Maximum = null,
    bool MinimumExclusive = false)
{
    /// <summary>Whether <paramref name="value"/> meets this numeric criterion.</summary>
    public bool Meets(double value) =>
        (Minimum is not { } min || (MinimumExclusive ? value > min : value >= min)) && (Maximum is not { } max || value <= max);
}
