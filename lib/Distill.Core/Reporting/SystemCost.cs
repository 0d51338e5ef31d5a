namespace Distill.Reporting;

/// <summary>
/// What labelling a set of notes cost a system. For LLM teachers: tokens × price and the measured latency,
/// from the teacher cache; for students: measured inference time, with cost from the machine's hourly
/// price where the caller knows it (0 when not).
/// </summary>
/// <param name="System">Name as in the score tables.</param>
/// <param name="Notes">Notes labelled.</param>
/// <param name="TotalCostUsd">Money spent on those notes, in US dollars.</param>
/// <param name="TotalSeconds">Wall-clock seconds spent on those notes.</param>
/// <param name="Machine">Where it ran (a model endpoint, or CPU/GPU model).</param>
public sealed record SystemCost(string System, int Notes, double TotalCostUsd, double TotalSeconds, string Machine)
{
    public double CostPerNoteUsd => TotalCostUsd / Notes;
    public double SecondsPerNote => TotalSeconds / Notes;
}

/// <summary>Cost and time per note, with ratios to the reference system (null where the reference's value is 0).</summary>
public sealed record CostComparisonRow(string System, int Notes, double CostPerNoteUsd, double SecondsPerNote,
    double? CostRatio, double? TimeRatio, string Machine);
