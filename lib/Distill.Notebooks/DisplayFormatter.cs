using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.Data.Analysis;
using Distill.Reporting;
using Plotly.NET;

namespace Distill.Notebooks;

/// <summary>Markup a cell wants shown as HTML: <c>display(new Html("&lt;b&gt;hi&lt;/b&gt;"))</c>.</summary>
public sealed record Html(string Markup);

/// <summary>Settings for how values are rendered.</summary>
/// <param name="MaxTableRows">DataFrame rows shown before "... N more rows" (the plain-text form has all of them).</param>
/// <param name="MaxSequenceItems">Items of a list shown in its plain-text form.</param>
/// <param name="Plotly">Where a chart's HTML form gets plotly.js: inlined in the first chart of the session (null, the
/// default: a live Jupyter page shares it), or a shared file (<see cref="PlotlyReference.Shared"/>: notebooks executed into a
/// run folder, issue 17). Either way the chart also goes out as <c>application/vnd.plotly.v1+json</c>.</param>
public sealed record DisplaySettings(int MaxTableRows = 50, int MaxSequenceItems = 100, PlotlyReference? Plotly = null);

/// <summary>
/// Turns a value into a MIME bundle (MIME type -> content) the way Jupyter front ends expect: DataFrames as an
/// HTML table, Plotly charts as Plotly's own MIME type (<c>application/vnd.plotly.v1+json</c>, the figure JSON that
/// JupyterLab's and VS Code's Plotly renderers draw with their own plotly.js, as plotly.py sends it) plus HTML for other
/// front ends, PNG/JPEG bytes as base64 images, and everything else as text/plain. One formatter serves one session:
/// plotly.js (~3.6 MB) goes only into the first chart's HTML of a session, because later outputs live in the same page
/// and reuse it, so an executed notebook holds at most one copy (or none, with a shared file).
/// </summary>
public sealed class DisplayFormatter(DisplaySettings? options = null)
{
    readonly DisplaySettings options = options ?? new DisplaySettings();
    bool plotlyScriptEmitted;

    public IReadOnlyDictionary<string, string> Format(object? value) => value switch
    {
        null => Text("null"),
        string s => Text(s),
        Html h => new Dictionary<string, string> { ["text/html"] = h.Markup, ["text/plain"] = h.Markup },
        DataFrame frame => new Dictionary<string, string> { ["text/html"] = DataFrameHtml(frame), ["text/plain"] = frame.ToString() },
        GenericChart chart => ChartBundle(chart),
        byte[] bytes when IsPng(bytes) => new Dictionary<string, string> { ["image/png"] = Convert.ToBase64String(bytes), ["text/plain"] = $"PNG image, {bytes.Length} bytes" },
        byte[] bytes when IsJpeg(bytes) => new Dictionary<string, string> { ["image/jpeg"] = Convert.ToBase64String(bytes), ["text/plain"] = $"JPEG image, {bytes.Length} bytes" },
        IFormattable f => Text(f.ToString(null, CultureInfo.InvariantCulture)),
        IEnumerable sequence when !HasOwnToString(value) => Text(SequenceText(sequence)),
        _ => Text(value.ToString() ?? ""),
    };

    static Dictionary<string, string> Text(string text) => new() { ["text/plain"] = text };

    string DataFrameHtml(DataFrame frame)
    {
        var html = new StringBuilder("<table class=\"dataframe\"><thead><tr><th></th>");
        foreach (var column in frame.Columns)
            html.Append("<th>").Append(WebUtility.HtmlEncode(column.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        var shown = Math.Min(frame.Rows.Count, options.MaxTableRows);
        for (long row = 0; row < shown; row++)
        {
            html.Append("<tr><th>").Append(row).Append("</th>");
            foreach (var column in frame.Columns)
                html.Append("<td>").Append(WebUtility.HtmlEncode(Convert.ToString(column[row], CultureInfo.InvariantCulture) ?? "")).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (frame.Rows.Count > shown)
            html.Append("<p>... ").Append(frame.Rows.Count - shown).Append(" more rows</p>");
        return html.ToString();
    }

    /// <summary>The MIME type of a Plotly figure (data, layout, config) in Jupyter.</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    Dictionary<string, string> ChartBundle(GenericChart chart)
    {
        var json = GenericChart.toJson(chart);
        var html = new StringBuilder();
        if (!plotlyScriptEmitted)
        {
            html.Append((options.Plotly ?? PlotlyReference.Inline).ScriptTag());
            plotlyScriptEmitted = true;
        }
        html.Append(PlotlyLibrary.ChartDiv(json, "plotly-" + Guid.NewGuid().ToString("N")[..12]));
        return new Dictionary<string, string> { [PlotlyMimeType] = json, ["text/html"] = html.ToString(), ["text/plain"] = "Plotly chart" };
    }

    string SequenceText(IEnumerable sequence)
    {
        var items = new List<string>();
        var more = false;
        foreach (var item in sequence)
        {
            if (items.Count == options.MaxSequenceItems) { more = true; break; }
            items.Add(item is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : item?.ToString() ?? "null");
        }
        return "[" + string.Join(", ", items) + (more ? ", ..." : "") + "]";
    }

    /// <summary>Records and the like print better with their own ToString than as a sequence.</summary>
    static bool HasOwnToString(object value) =>
        value.GetType().GetMethod("ToString", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)?.DeclaringType is { } t
        && t != typeof(object) && t.Namespace?.StartsWith("System", StringComparison.Ordinal) != true;

    static bool IsPng(byte[] b) => b.Length > 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47;

    static bool IsJpeg(byte[] b) => b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;
}
