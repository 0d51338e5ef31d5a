using Distill.Evaluation;
using Distill.IO;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.TraceObjects;
using CSharpChart = Plotly.NET.CSharp.Chart;
using FSharpChart = Plotly.NET.Chart;

namespace Distill.Reporting;

/// <summary>
/// The study's figures as Plotly.NET charts, written as standalone HTML with the plotly.js source inlined
/// (<see cref="PlotlyJSReference.Full"/>), so a figure opens offline and years later without a CDN.
/// </summary>
public static class Plots
{
    /// <summary>Grouped bars: x = entity type (and averages), one bar per system, F1 with asymmetric CI error bars.</summary>
    public static GenericChart F1WithIntervals(IEnumerable<ScoreRow> rows, string mode, string title = "F1 with 95% bootstrap interval")
    {
        var selected = rows.Where(r => r.Mode == mode).ToList();
        if (selected.Count == 0) throw new ArgumentException($"No score rows for mode '{mode}'.");
        var charts = selected.GroupBy(r => r.System).Select(g =>
        {
            var bars = CSharpChart.Column<double, string, string>(
                values: g.Select(r => r.F1),
                Keys: g.Select(r => r.Type).ToArray(),
                Name: g.Key);
            return WithAsymmetricYError(bars, g.Select(r => r.F1Upper - r.F1), g.Select(r => r.F1 - r.F1Lower));
        });
        return Finish(CSharpChart.Combine(charts), title, "entity type", "F1");
    }

    /// <summary>Cost per note (log scale) against F1, one labelled marker per system with its F1 interval.</summary>
    public static GenericChart CostVersusF1(IEnumerable<CostPoint> points, string title = "Cost per note vs F1")
    {
        var list = points.ToList();
        foreach (var p in list)
            if (p.CostPerNoteUsd <= 0)
                throw new ArgumentException($"'{p.System}' costs {p.CostPerNoteUsd} per note; a log axis needs positive costs.");
        var charts = list.Select(p =>
        {
            var marker = CSharpChart.Point<double, double, string>(
                x: [p.CostPerNoteUsd], y: [p.F1], Name: p.System, Text: p.System,
                TextPosition: StyleParam.TextPosition.TopCenter);
            return WithAsymmetricYError(marker, [p.F1Upper - p.F1], [p.F1 - p.F1Lower]);
        });
        var chart = Finish(CSharpChart.Combine(charts), title, "cost per note (USD, log scale)", "F1");
        return chart.WithXAxisStyle<double, double, string>(TitleText: "cost per note (USD, log scale)", AxisType: StyleParam.AxisType.Log);
    }

    /// <summary>Per-epoch curves, one line per run, of the chosen value (training loss, dev loss or dev F1).</summary>
    public static GenericChart LearningCurves(IEnumerable<EpochRecord> epochs, LearningCurveValue value = LearningCurveValue.DevF1)
    {
        Func<EpochRecord, double?> select = value switch
        {
            LearningCurveValue.TrainLoss => e => e.TrainLoss,
            LearningCurveValue.DevLoss => e => e.DevLoss,
            LearningCurveValue.DevF1 => e => e.DevF1,
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };
        var charts = epochs.GroupBy(e => e.Run).Select(g =>
        {
            var points = g.Where(e => select(e) is not null).OrderBy(e => e.Epoch).ToList();
            return CSharpChart.Line<int, double, string>(x: points.Select(e => e.Epoch), y: points.Select(e => select(e)!.Value),
                ShowMarkers: true, Name: g.Key);
        }).ToList();
        if (charts.Count == 0) throw new ArgumentException("No epoch records to plot.");
        var label = value switch { LearningCurveValue.TrainLoss => "training loss", LearningCurveValue.DevLoss => "dev loss", _ => "dev F1" };
        return Finish(CSharpChart.Combine(charts), $"Learning curve: {label}", "epoch", label);
    }

    /// <summary>Heatmap of error counts: rows = cause (boundary, type, ...), columns = entity type.</summary>
    public static GenericChart ErrorConfusion(IEnumerable<EntityError> errors, string title = "Errors by cause and entity type")
    {
        var counts = ErrorAnalysis.CountByCause(errors);
        var causes = Enum.GetValues<ErrorCause>();
        var types = counts.Keys.Select(k => k.Type).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (types.Length == 0) types = ["(no errors)"];
        var z = causes.Select(c => types.Select(t => counts.GetValueOrDefault((c, t))).ToArray()).ToArray();
        var chart = CSharpChart.Heatmap<int, string, string, string>(
            zData: z, X: types, Y: causes.Select(c => c.ToString()).ToArray());
        return Finish(chart, title, "entity type", "cause");
    }

    /// <summary>The chart as a complete HTML page with plotly.js inlined (no network reference).</summary>
    public static string ToStandaloneHtml(GenericChart chart, string documentTitle)
    {
        // F# optional parameters reach C# as required FSharpOption arguments; null is F#'s None.
        var options = DisplayOptions.init(Some(documentTitle), null, null, null, null, null, Some(PlotlyJSReference.Full));
        return GenericChart.toEmbeddedHTML(FSharpChart.withDisplayOptions(options).Invoke(chart));
    }

    /// <summary>Writes <see cref="ToStandaloneHtml"/> to <paramref name="path"/> via a temporary file.</summary>
    public static Task SaveStandaloneHtmlAsync(GenericChart chart, string path, string documentTitle, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAllTextAsync(path, ToStandaloneHtml(chart, documentTitle), cancellationToken);

    static GenericChart Finish(GenericChart chart, string title, string xTitle, string yTitle)
    {
        chart = FSharpChart.withTitle(title, TitleFont: null).Invoke(chart);
        chart = chart.WithXAxisStyle<double, double, string>(TitleText: xTitle);
        return chart.WithYAxisStyle<double, double, string>(TitleText: yTitle);
    }

    // Error bars of different lengths above and below (a percentile interval is not symmetric).
    static GenericChart WithAsymmetricYError(GenericChart chart, IEnumerable<double> above, IEnumerable<double> below)
    {
        var error = Error.init<double, double>(null, Some(StyleParam.ErrorType.Data), Some(false),
            Some<IEnumerable<double>>(above.ToArray()), Some<IEnumerable<double>>(below.ToArray()),
            null, null, null, null, null, null, null, null, null, null);
        return FSharpChart.withYError(error).Invoke(chart);
    }

    static FSharpOption<T> Some<T>(T value) => FSharpOption<T>.Some(value);
}
