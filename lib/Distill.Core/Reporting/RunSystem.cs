namespace Distill.Reporting;

/// <summary>A system whose predictions a run holds, and the file (relative to the run folder) holding them.</summary>
public sealed record RunSystem(string Name, string PredictionsFile, FileHash? Source);
