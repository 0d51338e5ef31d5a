using Distill.Reporting;
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
    public static GenericChart F1Heatmap(SubsetSearchResult result)
    {
        var types = result.Choices.Select(c => c.EntityType).ToArray();
        var best = result.Scores.GroupBy(s => (s.Teachers, s.EntityType)).ToDictionary(g => g.Key, g => g.Max(s => s.F1));
        var subsets = result.Scores.Select(s => s.Teachers).Distinct()
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
        var all = CSharpChart.Point<double, double, string>(
            x: scores.Select(s => s.CostPerNote), y: scores.Select(s => s.F1), Name: "subset × rule",
            MultiText: scores.Select(s => $"{s.Teachers} / {s.Rule.Name}").ToArray());
        var frontier = result.ParetoFrontiers[entityType];
        var line = CSharpChart.Line<double, double, string>(
            x: frontier.Select(s => s.CostPerNote), y: frontier.Select(s => s.F1), ShowMarkers: true, Name: "Pareto frontier",
            MultiText: frontier.Select(s => $"{s.Teachers} / {s.Rule.Name}").ToArray());
        var log = scores.All(s => s.CostPerNote > 0);
        var chart = Styled(CSharpChart.Combine([all, line]), $"{entityType}: dev F1 vs teacher cost per note",
            log ? "cost per note (USD, log scale)" : "cost per note (USD)", "F1");
        return log ? chart.WithXAxisStyle<double, double, string>(TitleText: "cost per note (USD, log scale)", AxisType: StyleParam.AxisType.Log) : chart;
    }

    static GenericChart Styled(GenericChart chart, string title, string xTitle, string yTitle)
    {
        chart = Plotly.NET.Chart.withTitle(title, TitleFont: null).Invoke(chart);
        chart = chart.WithXAxisStyle<double, double, string>(TitleText: xTitle);
        return chart.WithYAxisStyle<double, double, string>(TitleText: yTitle);
    }
}
