namespace Distill.Pipeline.SyntheticQa;

/// <summary>The run's <c>manifest.json</c>: what ran, with what, how long, and which generator wrote the pairs.</summary>
public sealed record QaStudyManifest(string Task, string Generator, string GeneratorKind, string Student, bool Quick, string NotesFolder, string? N2c2Folder,
    DateTimeOffset FinishedUtc, double Seconds, string Note);
