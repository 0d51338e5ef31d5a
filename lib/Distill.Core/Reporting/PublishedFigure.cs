namespace Distill.Reporting;

/// <summary>
/// A figure the reference study published, shown beside our measurements and always marked as such: it was
/// not measured here (other notes, other machines, 2024 prices).
/// </summary>
/// <param name="System">What it is, e.g. "GPT-4o (teacher)".</param>
/// <param name="SecondsPerNote">Seconds per note as published.</param>
/// <param name="CostPerNoteUsd">US dollars per note as published.</param>
/// <param name="Source">Where it was published.</param>
internal sealed record PublishedFigure(string System, double SecondsPerNote, double CostPerNoteUsd, string Source)
{
    public const string ReferenceStudy = "Vedula et al. 2024 (arXiv 2501.00031)";

    /// <summary>The reference study's GPT-4o teacher and its distilled BioBERT student, per note.</summary>
    public static IReadOnlyList<PublishedFigure> ReferenceStudyFigures { get; } =
    [
        new("GPT-4o (teacher)", 1.66, 0.0159, ReferenceStudy),
        new("distilled BioBERT (student)", 0.14, 0.0002, ReferenceStudy),
    ];
}
