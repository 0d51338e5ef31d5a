using System.Text;
using Distill.IO;
using Plotly.NET;

namespace Distill.Reporting;

/// <summary>
/// Where a page gets plotly.js from: inlined in the page (self-contained, ~3.6 MB), or one shared file next to it
/// referenced by a relative path (<see cref="Shared"/>), so a folder of pages holds the library once (issue 17: every
/// plot file and notebook carried its own copy, 95 MB of a quick run). Neither form reaches the network.
/// </summary>
/// <param name="RelativePath">Null: inline; else the path of the shared copy relative to the page (e.g. <c>../plotly.min.js</c>).</param>
public sealed record PlotlyReference(string? RelativePath)
{
    public static PlotlyReference Inline { get; } = new((string?)null);

    public static PlotlyReference Shared(string relativePath) =>
        string.IsNullOrWhiteSpace(relativePath) || Path.IsPathRooted(relativePath) || relativePath.Contains('"') || relativePath.Contains('\\')
            ? throw new ArgumentException($"'{relativePath}' is not a relative path to plotly.min.js.", nameof(relativePath))
            : new PlotlyReference(relativePath);

    public bool IsInline => RelativePath is null;

    /// <summary>The <c>&lt;script&gt;</c> element that makes <c>window.Plotly</c> available (for a page's head, once).</summary>
    public string ScriptTag() => IsInline ? PlotlyLibrary.InlineScriptTag : $"<script src=\"{RelativePath}\"></script>\n";
}

/// <summary>
/// The plotly.js bundle Plotly.NET ships as a resource, and charts as HTML fragments that use it: a page includes the
/// library once (<see cref="PlotlyReference"/>) and each chart is a <c>div</c> plus a <c>Plotly.newPlot</c> call.
/// </summary>
public static class PlotlyLibrary
{
    /// <summary>File name of a shared copy (<see cref="WriteSharedCopyAsync"/>).</summary>
    public const string FileName = "plotly.min.js";

    /// <summary>Marks the inline script element, so an exporter can find (and drop) copies that outputs already carry.</summary>
    public const string InlineMarker = "data-distill-plotly";

    static readonly Lazy<string> script = new(() =>
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(".min.js", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no embedded plotly.js; charts cannot be shown offline.");
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    });

    static readonly Lazy<string> inlineTag = new(() =>
        // plotly.js is a UMD bundle: where a page has require.js (classic Notebook), it would register as an AMD module
        // instead of setting window.Plotly, so `define` is hidden while it loads.
        $"<script type=\"text/javascript\" {InlineMarker}>(function(){{var d=window.define;window.define=undefined;\n{script.Value}\nwindow.define=d;}})();</script>\n");

    /// <summary>The plotly.js source (minified).</summary>
    public static string Script => script.Value;

    /// <summary>The library inlined in one <c>&lt;script&gt;</c> element marked with <see cref="InlineMarker"/>.</summary>
    public static string InlineScriptTag => inlineTag.Value;

    /// <summary>Writes the shared copy into <paramref name="directory"/> (unchanged files are not rewritten) and returns its path.</summary>
    public static async Task<string> WriteSharedCopyAsync(string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path) && new FileInfo(path).Length == Encoding.UTF8.GetByteCount(Script)) return path;
        await AtomicFile.WriteAllTextAsync(path, Script, cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>
    /// A chart as a <c>div</c> and the script that draws it into the div, without the library (the page includes it once).
    /// <paramref name="figureJson"/> is Plotly's figure JSON (<c>data</c>, <c>layout</c>, <c>config</c>).
    /// </summary>
    public static string ChartDiv(string figureJson, string id, string? cssClass = null)
    {
        if (string.IsNullOrEmpty(id) || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new ArgumentException($"'{id}' cannot be an HTML id; use letters, digits, '-' and '_'.", nameof(id));
        // "</" inside the JSON (a title with "</script>") would end the script element early.
        var json = figureJson.Replace("</", "<\\/", StringComparison.Ordinal);
        return $"<div id=\"{id}\"{(cssClass is null ? "" : $" class=\"{cssClass}\"")}></div>\n" +
               $"<script type=\"text/javascript\">(function(){{var fig={json};Plotly.newPlot('{id}',fig.data,fig.layout,fig.config||{{responsive:true}});}})();</script>\n";
    }

    /// <summary><see cref="ChartDiv(string,string,string)"/> of a Plotly.NET chart.</summary>
    public static string ChartDiv(GenericChart chart, string id, string? cssClass = null) => ChartDiv(GenericChart.toJson(chart), id, cssClass);
}
