namespace Distill.Reporting;

/// <summary>A system's cost per note and its F1, for the cost-versus-quality scatter.</summary>
public sealed record CostPoint(string System, double CostPerNoteUsd, double F1, double F1Lower, double F1Upper);
