using System.Globalization;
using Distill.Evaluation;
using Distill.IO;
using Plotly.NET;
using FSharpChart = Plotly.NET.Chart;

namespace Distill.Reporting;

/// <summary>
/// The study's figures as Plotly.NET charts, drawn to be read on a laptop page (issue 17): one colour per system
/// everywhere (<see cref="SystemColors"/>), short system names on the axes (<see cref="StudySystemNames.Short"/>),
/// point labels kept inside the axes or left to the hover, legends in one line above the plot, heights that grow
/// with the number of rows and a width that follows the page. Traces and layout are plotly.js's own attributes, set
/// as they are named there (https://plotly.com/javascript/reference/), which is shorter and easier to check than the
/// typed wrappers. <see cref="PlotlyLibrary"/> puts them on a page without repeating the library.
/// </summary>
public static class Plots
{
    /// <summary>Token F1 (bars, with the 95% interval) and strict F1 (diamonds) of every system on one entity type (or average), best on top.</summary>
    public static GenericChart F1BySystem(IEnumerable<ScoreRow> rows, string type, string? title = null)
    {
        var token = rows.Where(r => r.Mode == "token" && r.Type == type).OrderBy(r => r.F1).ThenByDescending(r => r.System, StringComparer.Ordinal).ToList();
        if (token.Count == 0) throw new ArgumentException($"No token-level score rows for '{type}'.");
        var strict = rows.Where(r => r.Mode == "strict" && r.Type == type).ToDictionary(r => r.System);
        var names = token.Select(r => StudySystemNames.Short(r.System)).ToArray();
        var bars = Trace("bar",
            ("orientation", "h"), ("name", "token F1 (95% CI)"), ("showlegend", false), ("y", names), ("x", token.Select(r => r.F1).ToArray()),
            ("marker", new Dictionary<string, object> { ["color"] = token.Select(r => SystemColors.Of(r.System)).ToArray() }),
            ("error_x", AsymmetricError(token.Select(r => r.F1Upper - r.F1), token.Select(r => r.F1 - r.F1Lower))),
            ("text", token.Select(r => F(r.F1)).ToArray()), ("textposition", "inside"), ("insidetextanchor", "start"),
            ("textfont", new Dictionary<string, object> { ["color"] = "white" }),
            ("customdata", token.Select(r => $"{r.System}: {ResultTables.FormatWithInterval(r.F1, r.F1Lower, r.F1Upper)}").ToArray()),
            ("hovertemplate", "%{customdata}<extra>token F1</extra>"));
        var traces = new List<Trace> { bars };
        var withStrict = token.Where(r => strict.ContainsKey(r.System)).ToList();
        if (withStrict.Count > 0)
            traces.Add(Trace("scatter",
                ("mode", "markers"), ("name", "strict F1"), ("y", withStrict.Select(r => StudySystemNames.Short(r.System)).ToArray()),
                ("x", withStrict.Select(r => strict[r.System].F1).ToArray()),
                ("marker", new Dictionary<string, object> { ["symbol"] = "diamond", ["size"] = 10, ["color"] = "#222", ["line"] = new Dictionary<string, object> { ["color"] = "white", ["width"] = 1 } }),
                ("hovertemplate", "%{y}: %{x:.3f}<extra>strict F1</extra>")));
        var layout = Layout(title ?? $"F1 on {type}, 95% bootstrap interval", Math.Max(220, 90 + 34 * token.Count),
            ("xaxis", Axis("F1", ("range", new[] { 0.0, 1.0 }))),
            ("yaxis", Axis(null, ("automargin", true))),
            ("showlegend", true),
            ("bargap", 0.25));
        return Chart(traces, layout);
    }

    /// <summary>
    /// F1 with its interval per system and entity type. With one entity type this is <see cref="F1BySystem"/> (the micro
    /// and macro averages repeat the same number); with several, grouped bars per type and average, a colour per system.
    /// </summary>
    public static GenericChart F1WithIntervals(IEnumerable<ScoreRow> rows, string mode, string? title = null)
    {
        var selected = rows.Where(r => r.Mode == mode).ToList();
        if (selected.Count == 0) throw new ArgumentException($"No score rows for mode '{mode}'.");
        var types = selected.Select(r => r.Type).Where(t => t is not ScoreSummary.MicroAverage and not ScoreSummary.MacroAverage).Distinct().ToList();
        if (types.Count <= 1 && mode == "token") return F1BySystem(selected, types.FirstOrDefault() ?? selected[0].Type, title);
        if (types.Count <= 1) selected = selected.Where(r => types.Count == 0 || r.Type == types[0]).ToList();
        var traces = selected.GroupBy(r => r.System).Select(g => Trace("bar",
            ("name", StudySystemNames.Short(g.Key)), ("x", g.Select(r => r.Type).ToArray()), ("y", g.Select(r => r.F1).ToArray()),
            ("marker", new Dictionary<string, object> { ["color"] = SystemColors.Of(g.Key) }),
            ("error_y", AsymmetricError(g.Select(r => r.F1Upper - r.F1), g.Select(r => r.F1 - r.F1Lower))),
            ("hovertemplate", $"{g.Key}, %{{x}}: %{{y:.3f}}<extra></extra>"))).ToList();
        var layout = Layout(title ?? $"F1 with 95% bootstrap interval ({mode} level)", 380,
            ("yaxis", Axis("F1", ("range", new[] { 0.0, 1.0 }))), ("xaxis", Axis(null)), ("barmode", "group"));
        return Chart(traces, layout);
    }

    /// <summary>
    /// Cost (or seconds) per note, log scale, against token F1 with its interval: one marker per system in its colour,
    /// labelled with its short name. The axes are padded so every label stays inside the plot.
    /// </summary>
    public static GenericChart CostVersusF1(IEnumerable<CostPoint> points, CostAxis axis = CostAxis.Dollars, string? title = null)
    {
        var list = points.ToList();
        if (list.Count == 0) throw new ArgumentException("No points to plot.");
        double X(CostPoint p) => axis == CostAxis.Dollars ? p.CostPerNoteUsd : p.SecondsPerNote;
        foreach (var p in list)
            if (X(p) <= 0)
                throw new ArgumentException($"'{p.System}' has {X(p)} {(axis == CostAxis.Dollars ? "USD" : "seconds")} per note; a log axis needs positive values.");
        var logs = list.Select(p => Math.Log10(X(p))).ToArray();
        var (low, high) = (logs.Min(), logs.Max());
        var pad = Math.Max(0.4, (high - low) * 0.15);
        var f1Low = Math.Max(0, list.Min(p => p.F1Lower) - 0.08);
        var f1High = Math.Min(1.05, list.Max(p => p.F1Upper) + 0.08);
        var unit = axis == CostAxis.Dollars ? "USD per note" : "seconds per note";
        var traces = list.Select((p, i) => Trace("scatter",
            ("mode", "markers+text"), ("name", StudySystemNames.Short(p.System)), ("x", new[] { X(p) }), ("y", new[] { p.F1 }),
            ("text", new[] { StudySystemNames.Short(p.System) }),
            // Labels go to the side away from the nearer plot edge, so none is cut off.
            ("textposition", logs[i] > (low + high) / 2 ? "middle left" : "middle right"),
            ("marker", new Dictionary<string, object> { ["size"] = 12, ["color"] = SystemColors.Of(p.System) }),
            ("error_y", AsymmetricError([p.F1Upper - p.F1], [p.F1 - p.F1Lower])),
            ("hovertemplate", $"{p.System}<br>F1 {F(p.F1)} ({F(p.F1Lower)}–{F(p.F1Upper)})<br>{Number(X(p))} {unit}<extra></extra>"))).ToList();
        var layout = Layout(title ?? (axis == CostAxis.Dollars ? "Cost per note vs token F1" : "Time per note vs token F1"), 380,
            ("showlegend", false),
            ("xaxis", Axis($"{unit} (log scale)", ("type", "log"), ("range", new[] { low - pad, high + pad }))),
            ("yaxis", Axis("token F1", ("range", new[] { f1Low, f1High }))));
        return Chart(traces, layout);
    }

    /// <summary>Per-epoch curves, one line per run in its system's colour, of the chosen value (training loss, dev loss or dev F1).</summary>
    public static GenericChart LearningCurves(IEnumerable<EpochRecord> epochs, LearningCurveValue value = LearningCurveValue.DevF1)
    {
        Func<EpochRecord, double?> select = value switch
        {
            LearningCurveValue.TrainLoss => e => e.TrainLoss,
            LearningCurveValue.DevLoss => e => e.DevLoss,
            LearningCurveValue.DevF1 => e => e.DevF1,
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };
        var label = value switch { LearningCurveValue.TrainLoss => "training loss", LearningCurveValue.DevLoss => "dev loss", _ => "dev token F1" };
        var traces = epochs.GroupBy(e => e.Run).Select(g =>
        {
            var points = g.Where(e => select(e) is not null).OrderBy(e => e.Epoch).ToList();
            return Trace("scatter", ("mode", "lines+markers"), ("name", StudySystemNames.Short(g.Key)),
                ("x", points.Select(e => e.Epoch).ToArray()), ("y", points.Select(e => select(e)!.Value).ToArray()),
                ("line", new Dictionary<string, object> { ["color"] = SystemColors.Of(g.Key) }),
                ("hovertemplate", $"{g.Key}, epoch %{{x}}: %{{y:.4f}}<extra></extra>"));
        }).ToList();
        if (traces.Count == 0) throw new ArgumentException("No epoch records to plot.");
        return Chart(traces, Layout($"Learning curve: {label}", 300,
            ("xaxis", Axis("epoch", ("dtick", 1))), ("yaxis", Axis(label))));
    }

    /// <summary>Entity-level errors of every system by cause (missed, spurious, boundary, type, ...): grouped bars, a colour per system.</summary>
    public static GenericChart ErrorsByCause(IEnumerable<(string System, IReadOnlyList<EntityError> Errors)> errorsBySystem, string? title = null)
    {
        var causes = Enum.GetValues<ErrorCause>();
        var traces = errorsBySystem.Select(s =>
        {
            var counts = ErrorAnalysis.CountByCause(s.Errors);
            return Trace("bar", ("orientation", "h"), ("name", StudySystemNames.Short(s.System)),
                ("y", causes.Select(c => c.ToString()).ToArray()),
                ("x", causes.Select(c => counts.Where(kv => kv.Key.Cause == c).Sum(kv => kv.Value)).ToArray()),
                ("marker", new Dictionary<string, object> { ["color"] = SystemColors.Of(s.System) }),
                ("hovertemplate", $"{s.System}, %{{y}}: %{{x}}<extra></extra>"));
        }).ToList();
        if (traces.Count == 0) throw new ArgumentException("No systems to plot.");
        return Chart(traces, Layout(title ?? "Entity-level errors by cause", Math.Max(300, 110 + causes.Length * (10 + 9 * traces.Count)),
            ("barmode", "group"), ("xaxis", Axis("errors on the test notes")), ("yaxis", Axis(null, ("automargin", true), ("autorange", "reversed")))));
    }

    /// <summary>Heatmap of one system's error counts: rows = cause (boundary, type, ...), columns = entity type.</summary>
    public static GenericChart ErrorConfusion(IEnumerable<EntityError> errors, string title = "Errors by cause and entity type")
    {
        var counts = ErrorAnalysis.CountByCause(errors);
        var causes = Enum.GetValues<ErrorCause>();
        var types = counts.Keys.Select(k => k.Type).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (types.Length == 0) types = ["(no errors)"];
        var z = causes.Select(c => types.Select(t => counts.GetValueOrDefault((c, t))).ToArray()).ToArray();
        var heat = Trace("heatmap", ("z", z), ("x", types), ("y", causes.Select(c => c.ToString()).ToArray()), ("colorscale", "Blues"),
            ("hovertemplate", "%{y}, %{x}: %{z}<extra></extra>"));
        return Chart([heat], Layout(title, 320, ("xaxis", Axis("entity type")), ("yaxis", Axis(null, ("automargin", true)))));
    }

    /// <summary>
    /// Fits a chart drawn elsewhere (the subset search's) to the report's page: <paramref name="height"/> pixels high, as
    /// wide as the page, axis labels given room, the legend in one line above the plot.
    /// </summary>
    public static GenericChart Fit(GenericChart chart, int height)
    {
        var layout = new Layout();
        layout.SetProperty("height", height);
        layout.SetProperty("autosize", true);
        layout.SetProperty("margin", new Dictionary<string, object> { ["l"] = 10, ["r"] = 20, ["t"] = 60, ["b"] = 45 });
        layout.SetProperty("legend", new Dictionary<string, object> { ["orientation"] = "h", ["x"] = 0, ["y"] = 1.0, ["yanchor"] = "bottom" });
        layout.SetProperty("xaxis", new Dictionary<string, object> { ["automargin"] = true });
        layout.SetProperty("yaxis", new Dictionary<string, object> { ["automargin"] = true });
        chart = GenericChart.addLayout(layout, chart);
        var config = new Config();
        config.SetProperty("responsive", true);
        config.SetProperty("displaylogo", false);
        return FSharpChart.withConfig(config).Invoke(chart);
    }

    /// <summary>The chart as a complete HTML page with plotly.js inlined (no network reference); one library copy per page.</summary>
    public static string ToStandaloneHtml(GenericChart chart, string documentTitle) =>
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + System.Net.WebUtility.HtmlEncode(documentTitle) + "</title>\n" +
        PlotlyLibrary.InlineScriptTag + "</head><body>\n" + PlotlyLibrary.ChartDiv(chart, "chart") + "</body></html>\n";

    /// <summary>Writes <see cref="ToStandaloneHtml"/> to <paramref name="path"/> via a temporary file.</summary>
    public static Task SaveStandaloneHtmlAsync(GenericChart chart, string path, string documentTitle, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAllTextAsync(path, ToStandaloneHtml(chart, documentTitle), cancellationToken);

    /// <summary>A layout in the report's style: title on the left, one-line legend above the plot, page-wide, <paramref name="height"/> pixels high.</summary>
    internal static Layout Layout(string title, int height, params (string Name, object Value)[] properties)
    {
        var layout = new Layout();
        layout.SetProperty("title", new Dictionary<string, object> { ["text"] = title, ["x"] = 0, ["xanchor"] = "left", ["font"] = new Dictionary<string, object> { ["size"] = 15 } });
        layout.SetProperty("height", height);
        layout.SetProperty("autosize", true);
        layout.SetProperty("font", new Dictionary<string, object> { ["family"] = "system-ui, -apple-system, 'Segoe UI', sans-serif", ["size"] = 12 });
        layout.SetProperty("margin", new Dictionary<string, object> { ["l"] = 10, ["r"] = 20, ["t"] = 60, ["b"] = 45, ["pad"] = 2 });
        layout.SetProperty("legend", new Dictionary<string, object> { ["orientation"] = "h", ["x"] = 0, ["y"] = 1.0, ["yanchor"] = "bottom", ["font"] = new Dictionary<string, object> { ["size"] = 11 } });
        layout.SetProperty("plot_bgcolor", "#fafafa");
        foreach (var (name, value) in properties) layout.SetProperty(name, value);
        return layout;
    }

    internal static Dictionary<string, object> Axis(string? title, params (string Name, object Value)[] properties)
    {
        var axis = new Dictionary<string, object> { ["automargin"] = true, ["gridcolor"] = "#e4e4e4", ["zeroline"] = false };
        if (title is not null) axis["title"] = new Dictionary<string, object> { ["text"] = title };
        foreach (var (name, value) in properties) axis[name] = value;
        return axis;
    }

    internal static Trace Trace(string type, params (string Name, object Value)[] properties)
    {
        var trace = new Trace(type);
        foreach (var (name, value) in properties) trace.SetProperty(name, value);
        return trace;
    }

    /// <summary>The traces on one chart with <paramref name="layout"/> (and no Plotly.NET template: plotly.js's defaults, a smaller figure).</summary>
    internal static GenericChart Chart(IEnumerable<Trace> traces, Layout layout)
    {
        var chart = GenericChart.combine(traces.Select(t => GenericChart.ofTraceObject(false, t)));
        chart = GenericChart.addLayout(layout, chart);
        var config = new Config();
        config.SetProperty("responsive", true);
        config.SetProperty("displaylogo", false);
        return FSharpChart.withConfig(config).Invoke(chart);
    }

    // Error bars of different lengths above and below (a percentile interval is not symmetric).
    static Dictionary<string, object> AsymmetricError(IEnumerable<double> above, IEnumerable<double> below) => new()
    {
        ["type"] = "data", ["symmetric"] = false, ["array"] = above.ToArray(), ["arrayminus"] = below.ToArray(),
        ["color"] = "#333", ["thickness"] = 1.2, ["width"] = 4,
    };

    static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    static string Number(double value) => value.ToString(value < 0.01 ? "0.###e0" : "0.###", CultureInfo.InvariantCulture);

}
