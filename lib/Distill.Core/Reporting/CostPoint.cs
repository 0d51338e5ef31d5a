namespace Distill.Reporting;

/// <summary>One system on the cost-versus-F1 plot: cost and seconds per note, micro-averaged F1 and its interval.</summary>
public sealed record CostPoint(string System, double CostPerNoteUsd, double F1, double F1Lower, double F1Upper, double SecondsPerNote = 0);
