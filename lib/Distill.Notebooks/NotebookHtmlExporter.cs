using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Distill.IO;
using Distill.Reporting;

namespace Distill.Notebooks;

/// <summary>
/// Writes an executed notebook as one HTML page that opens offline: markdown rendered, code shown, HTML outputs
/// (tables) embedded as they are, images as data URIs, and charts drawn from their Plotly figure JSON with one plotly.js
/// for the whole page, inlined in its head or a shared file beside it (issue 17: copies that outputs carry are dropped).
/// Markdown support is the subset the project's notebooks use: headings, paragraphs, lists, fenced code,
/// emphasis, inline code and links.
/// </summary>
public static partial class NotebookHtmlExporter
{
    const string Style = """
        body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
        pre{background:#f6f8fa;padding:.6em;overflow-x:auto;border-radius:4px}
        .cell{margin:1em 0}.prompt{color:#999;font:12px monospace}
        .output pre{background:#fff;border-left:3px solid #ddd}.error pre{background:#fdecea;border-left-color:#d33}
        .stderr pre{background:#fff8e1}table.dataframe{border-collapse:collapse;font-size:13px}
        table.dataframe td,table.dataframe th{border:1px solid #ddd;padding:2px 6px;text-align:right}
        """;

    public static void Write(string path, Notebook notebook, string title, PlotlyReference? plotly = null)
    {
        AtomicFile.WriteAllText(path, Export(notebook, title, plotly));
    }

    /// <summary>The page; <paramref name="plotly"/> says where its one plotly.js comes from (default: inlined).</summary>
    public static string Export(Notebook notebook, string title, PlotlyReference? plotly = null)
    {
        var outputs = notebook.Cells.SelectMany(c => c.Outputs).ToList();
        var charts = outputs.Any(o => Bundle(o) is { } b && (b.ContainsKey(DisplayFormatter.PlotlyMimeType)
                                                              || (b.TryGetValue("text/html", out var h) && h.Contains("Plotly.newPlot", StringComparison.Ordinal))));
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").Append(Encode(title))
            .Append("</title><style>").Append(Style).Append("</style>\n");
        if (charts) html.Append((plotly ?? PlotlyReference.Inline).ScriptTag());
        html.Append("</head><body>\n");
        var chartNumber = 0;
        foreach (var cell in notebook.Cells)
        {
            html.Append("<div class=\"cell\">");
            switch (cell.CellType)
            {
                case CellTypes.Markdown:
                    html.Append(Markdown(cell.Source));
                    break;
                case CellTypes.Code:
                    html.Append("<div class=\"prompt\">In [").Append(cell.ExecutionCount?.ToString() ?? " ").Append("]:</div>")
                        .Append("<pre><code>").Append(Encode(cell.Source)).Append("</code></pre>");
                    foreach (var output in cell.Outputs)
                        html.Append(Output(output, ref chartNumber));
                    break;
                default:
                    html.Append("<pre>").Append(Encode(cell.Source)).Append("</pre>");
                    break;
            }
            html.Append("</div>\n");
        }
        return html.Append("</body></html>\n").ToString();
    }

    static IReadOnlyDictionary<string, string>? Bundle(CellOutput output) => output switch
    {
        DisplayDataOutput d => d.Data,
        ExecuteResultOutput r => r.Data,
        _ => null,
    };

    static string Output(CellOutput output, ref int chartNumber) => output switch
    {
        StreamOutput s => $"<div class=\"output {s.Name}\"><pre>{Encode(s.Text)}</pre></div>",
        ErrorOutput e => $"<div class=\"output error\"><pre>{Encode(e.EName + ": " + e.EValue + "\n" + string.Join("\n", e.Traceback))}</pre></div>",
        _ when Bundle(output) is { } data => $"<div class=\"output\">{MimeBundle(data, ref chartNumber)}</div>",
        _ => "",
    };

    static string MimeBundle(IReadOnlyDictionary<string, string> data, ref int chartNumber)
    {
        // A chart is drawn from its figure JSON: the page has its library already, whatever the HTML form carried.
        if (data.TryGetValue(DisplayFormatter.PlotlyMimeType, out var figure)) return PlotlyLibrary.ChartDiv(figure, $"chart-{++chartNumber}");
        // Older outputs carry the library inline in their HTML; the page has it once in its head.
        if (data.TryGetValue("text/html", out var markup)) return markup.Replace(PlotlyLibrary.InlineScriptTag, "", StringComparison.Ordinal);
        if (data.TryGetValue("image/png", out var png)) return $"<img src=\"data:image/png;base64,{png.Trim()}\">";
        if (data.TryGetValue("image/jpeg", out var jpeg)) return $"<img src=\"data:image/jpeg;base64,{jpeg.Trim()}\">";
        if (data.TryGetValue("image/svg+xml", out var svg)) return svg;
        return data.TryGetValue("text/plain", out var text) ? $"<pre>{Encode(text)}</pre>" : "";
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*([-*+]|\d+\.)\s+(.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"`([^`]+)`|\*\*(.+?)\*\*|\*(.+?)\*|\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Inline();

    /// <summary>Renders the markdown subset described on the class.</summary>
    internal static string Markdown(string source)
    {
        var html = new StringBuilder();
        var paragraph = new List<string>();
        string? listTag = null;
        var inCode = false;
        void CloseParagraph()
        {
            if (paragraph.Count > 0) html.Append("<p>").Append(InlineMarkup(string.Join(" ", paragraph))).Append("</p>\n");
            paragraph.Clear();
        }
        void CloseList()
        {
            if (listTag is not null) html.Append("</").Append(listTag).Append(">\n");
            listTag = null;
        }
        foreach (var raw in source.Replace("\r\n", "\n").Split('\n'))
        {
            if (raw.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                CloseParagraph(); CloseList();
                html.Append(inCode ? "</code></pre>\n" : "<pre><code>");
                inCode = !inCode;
                continue;
            }
            if (inCode) { html.Append(Encode(raw)).Append('\n'); continue; }
            if (Heading().Match(raw) is { Success: true } h)
            {
                CloseParagraph(); CloseList();
                var level = h.Groups[1].Length;
                html.Append($"<h{level}>").Append(InlineMarkup(h.Groups[2].Value)).Append($"</h{level}>\n");
            }
            else if (ListItem().Match(raw) is { Success: true } item)
            {
                CloseParagraph();
                var tag = char.IsDigit(item.Groups[1].Value[0]) ? "ol" : "ul";
                if (listTag != tag) { CloseList(); html.Append('<').Append(tag).Append(">\n"); listTag = tag; }
                html.Append("<li>").Append(InlineMarkup(item.Groups[2].Value)).Append("</li>\n");
            }
            else if (string.IsNullOrWhiteSpace(raw)) { CloseParagraph(); CloseList(); }
            else { CloseList(); paragraph.Add(raw.Trim()); }
        }
        if (inCode) html.Append("</code></pre>\n");
        CloseParagraph(); CloseList();
        return html.ToString();
    }

    static string InlineMarkup(string text)
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (Match m in Inline().Matches(text))
        {
            html.Append(Encode(text[at..m.Index]));
            html.Append(m switch
            {
                _ when m.Groups[1].Success => $"<code>{Encode(m.Groups[1].Value)}</code>",
                _ when m.Groups[2].Success => $"<strong>{Encode(m.Groups[2].Value)}</strong>",
                _ when m.Groups[3].Success => $"<em>{Encode(m.Groups[3].Value)}</em>",
                _ => $"<a href=\"{Encode(m.Groups[5].Value)}\">{Encode(m.Groups[4].Value)}</a>",
            });
            at = m.Index + m.Length;
        }
        return html.Append(Encode(text[at..])).ToString();
    }
}
