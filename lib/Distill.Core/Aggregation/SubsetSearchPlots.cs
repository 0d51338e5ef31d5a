using Distill.Reporting;
using Microsoft.Data.Analysis;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace Distill.Aggregation;

/// <summary>The subset search's two figures, as Plotly charts (saved offline by <see cref="Plots.SaveStandaloneHtmlAsync"/>).</summary>
public static class SubsetSearchPlots
{
    /// <summary>
    /// F1 heat map: one row per teacher subset, one column per entity type; a cell is the subset's best F1
    /// over the combination rules. Rows are sorted by mean F1, best on top.
    /// </summary>
    public static GenericChart F1Heatmap(SubsetSearchResult result) =>
        F1Heatmap(result.Scores.Select(s => (s.Teachers, s.EntityType, s.F1)).ToArray(), result.Choices.Select(c => c.EntityType).ToArray());

    /// <summary>
    /// The same heat map from a saved run's score table (<see cref="SubsetSearchReport.Scores"/> as written to
    /// <c>search/subset-scores.csv</c>: columns <c>teachers</c>, <c>entity_type</c>, <c>f1</c>).
    /// </summary>
    public static GenericChart F1Heatmap(DataFrame scores)
    {
        var rows = Enumerable.Range(0, (int)scores.Rows.Count).Select(r => (
            Teachers: (string)scores["teachers"][r], EntityType: (string)scores["entity_type"][r], F1: Convert.ToDouble(scores["f1"][r]))).ToArray();
        return F1Heatmap(rows, rows.Select(r => r.EntityType).Distinct().Order(StringComparer.Ordinal).ToArray());
    }

    static GenericChart F1Heatmap(IReadOnlyList<(string Teachers, string EntityType, double F1)> scores, string[] types)
    {
        var best = scores.GroupBy(s => (s.Teachers, s.EntityType)).ToDictionary(g => g.Key, g => g.Max(s => s.F1));
        var subsets = scores.Select(s => s.Teachers).Distinct()
            .OrderBy(t => types.Average(type => best.GetValueOrDefault((t, type)))).ToArray();
        var z = subsets.Select(s => types.Select(t => Math.Round(best.GetValueOrDefault((s, t)), 4)).ToArray()).ToArray();
        var chart = CSharpChart.Heatmap<double, string, string, string>(zData: z, X: types, Y: subsets);
        return Styled(chart, "Teacher subsets: dev token-level F1 (best rule)", "entity type", "teacher subset");
    }

    /// <summary>
    /// F1 against cost per note for every subset × rule of one entity type, with the Pareto frontier as a
    /// line. The cost axis is logarithmic when every cost is positive, linear otherwise (free teachers).
    /// </summary>
    public static GenericChart Pareto(SubsetSearchResult result, string entityType)
    {
        var scores = result.Scores.Where(s => s.EntityType == entityType).ToList();
        if (scores.Count == 0) throw new ArgumentException($"No scores for entity type '{entityType}'.");
        return ParetoChart(entityType,
            scores.Select(s => (s.CostPerNote, s.F1, $"{s.Teachers} / {s.Rule.Name}")).ToArray(),
            result.ParetoFrontiers[entityType].Select(s => (s.CostPerNote, s.F1, $"{s.Teachers} / {s.Rule.Name}")).ToArray());
    }

    static GenericChart ParetoChart(string entityType, (double Cost, double F1, string Label)[] scores, (double Cost, double F1, string Label)[] frontier)
    {
        var all = CSharpChart.Point<double, double, string>(
            x: scores.Select(s => s.Cost), y: scores.Select(s => s.F1), Name: "subset × rule",
            MultiText: scores.Select(s => s.Label).ToArray());
        var line = CSharpChart.Line<double, double, string>(
            x: frontier.Select(s => s.Cost), y: frontier.Select(s => s.F1), ShowMarkers: true, Name: "Pareto frontier",
            MultiText: frontier.Select(s => s.Label).ToArray());
        var log = scores.All(s => s.Cost > 0);
        var chart = Styled(CSharpChart.Combine([all, line]), $"{entityType}: dev F1 vs teacher cost per note",
            log ? "cost per note (USD, log scale)" : "cost per note (USD)", "F1");
        return log ? chart.WithXAxisStyle<double, double, string>(TitleText: "cost per note (USD, log scale)", AxisType: StyleParam.AxisType.Log) : chart;
    }

    /// <summary>
    /// The same plot from a saved run's tables: <c>search/subset-scores.csv</c> (every subset × rule) and
    /// <c>search/subset-pareto.csv</c> (the frontier), both with <c>entity_type</c>, <c>teachers</c>, <c>rule</c>,
    /// <c>f1</c> and <c>cost_per_note_usd</c>.
    /// </summary>
    public static GenericChart Pareto(DataFrame scores, DataFrame pareto, string entityType)
    {
        var all = Points(scores, entityType);
        if (all.Length == 0) throw new ArgumentException($"No scores for entity type '{entityType}'.");
        var frontier = Points(pareto, entityType);
        return ParetoChart(entityType, all.Select(p => (p.Cost, p.F1, p.Label)).ToArray(), frontier);
    }

    static (double Cost, double F1, string Label)[] Points(DataFrame table, string entityType) =>
        Enumerable.Range(0, (int)table.Rows.Count)
            .Where(r => (string)table["entity_type"][r] == entityType)
            .Select(r => (Convert.ToDouble(table["cost_per_note_usd"][r]), Convert.ToDouble(table["f1"][r]), $"{table["teachers"][r]} / {table["rule"][r]}"))
            .ToArray();

    static GenericChart Styled(GenericChart chart, string title, string xTitle, string yTitle)
    {
        chart = Plotly.NET.Chart.withTitle(title, TitleFont: null).Invoke(chart);
        chart = chart.WithXAxisStyle<double, double, string>(TitleText: xTitle);
        return chart.WithYAxisStyle<double, double, string>(TitleText: yTitle);
    }
}
