namespace Distill.Reporting;

/// <summary>Which per-note figure a cost plot puts on its (log) x axis.</summary>
public enum CostAxis
{
    /// <summary>US dollars per note.</summary>
    Dollars,

    /// <summary>Wall-clock seconds per note.</summary>
    Seconds,
}
