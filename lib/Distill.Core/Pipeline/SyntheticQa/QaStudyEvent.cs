namespace Distill.Pipeline.SyntheticQa;

/// <summary>A step of the synthetic-QA study, for progress displays (the CLI prints them; the library never does).</summary>
/// <param name="Stage">generation, export, student, n2c2, report.</param>
/// <param name="Message">What happened, in plain words.</param>
/// <param name="Done">Units done (notes, steps, patients), when counted.</param>
/// <param name="Total">Units in all.</param>
public sealed record QaStudyEvent(string Stage, string Message, int? Done = null, int? Total = null);
