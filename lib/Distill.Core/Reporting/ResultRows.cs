namespace Distill.Reporting;

/// <summary>One system's score on one type (or average) under one matching mode, with its F1 interval.</summary>
public sealed record ScoreRow(string System, string Mode, string Type, double Precision, double Recall, double F1,
    double F1Lower, double F1Upper, long Support, long Predicted);

/// <summary>A paired bootstrap comparison, flattened for a table.</summary>
public sealed record PairedTestRow(string SystemA, string SystemB, string Mode, string Score, double Difference,
    double DifferenceLower, double DifferenceUpper, double PValue, int Resamples);

/// <summary>A group of errors sharing cause and surface form, for the review table.</summary>
public sealed record ErrorGroupRow(string System, string Cause, string Surface, int Count, string Documents);
