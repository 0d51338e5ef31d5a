using System.Globalization;

namespace Distill.Reporting;

/// <summary>The reference study's cost and latency comparison ("GPT-4o is N× slower, M× more expensive" than the student).</summary>
public static class CostTable
{
    public static IReadOnlyList<CostComparisonRow> Compare(IEnumerable<SystemCost> costs, string referenceSystem)
    {
        var list = costs.ToList();
        foreach (var c in list)
            if (c.Notes <= 0 || c.TotalCostUsd < 0 || c.TotalSeconds < 0)
                throw new ArgumentException($"Cost of '{c.System}': notes must be positive and cost and seconds non-negative (got {c.Notes}, {c.TotalCostUsd}, {c.TotalSeconds}).");
        var reference = list.FirstOrDefault(c => c.System == referenceSystem)
            ?? throw new ArgumentException($"Reference system '{referenceSystem}' has no cost record; systems: {string.Join(", ", list.Select(c => c.System))}.");
        return list.Select(c => new CostComparisonRow(c.System, c.Notes, c.CostPerNoteUsd, c.SecondsPerNote,
            reference.CostPerNoteUsd > 0 ? c.CostPerNoteUsd / reference.CostPerNoteUsd : null,
            reference.SecondsPerNote > 0 ? c.SecondsPerNote / reference.SecondsPerNote : null,
            c.Machine)).ToList();
    }

    /// <summary>
    /// Markers for the cost-versus-F1 plot: each system with a positive cost (or, with <see cref="CostAxis.Seconds"/>,
    /// positive seconds) per note and a micro-averaged F1 under <paramref name="mode"/>. Free systems are left out
    /// because the plot's x axis is logarithmic.
    /// </summary>
    public static IReadOnlyList<CostPoint> Points(IEnumerable<CostComparisonRow> costs, IEnumerable<ScoreRow> scores, string mode = "token", CostAxis axis = CostAxis.Dollars)
    {
        var micro = scores.Where(s => s.Mode == mode && s.Type == Evaluation.ScoreSummary.MicroAverage)
            .GroupBy(s => s.System).ToDictionary(g => g.Key, g => g.First());
        return (from c in costs
                where (axis == CostAxis.Dollars ? c.CostPerNoteUsd : c.SecondsPerNote) > 0 && micro.ContainsKey(c.System)
                let s = micro[c.System]
                select new CostPoint(c.System, c.CostPerNoteUsd, s.F1, s.F1Lower, s.F1Upper, c.SecondsPerNote)).ToList();
    }

    /// <summary>One sentence per non-reference system, e.g. "gpt-4o is 12.3× slower and 85.0× more expensive than student."</summary>
    public static IEnumerable<string> Sentences(IEnumerable<CostComparisonRow> rows, string referenceSystem)
    {
        foreach (var r in rows.Where(r => r.System != referenceSystem))
        {
            var parts = new List<string>();
            if (r.TimeRatio is { } t) parts.Add(Ratio(t, "slower", "faster"));
            if (r.CostRatio is { } c) parts.Add(Ratio(c, "more expensive", "cheaper"));
            if (parts.Count > 0) yield return $"{r.System} is {string.Join(" and ", parts)} than {referenceSystem}.";
        }
    }

    static string Ratio(double ratio, string more, string less) => ratio >= 1
        ? $"{ratio.ToString("0.0", CultureInfo.InvariantCulture)}× {more}"
        : ratio == 0 ? $"infinitely {less}" : $"{(1 / ratio).ToString("0.0", CultureInfo.InvariantCulture)}× {less}";
}
