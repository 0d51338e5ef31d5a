using System.Text.Json.Nodes;
using Distill.Notebooks;

namespace Distill.Tests.Notebooks;

public sealed class NotebookHtmlExporterTests
{
    [Fact]
    public void Markdown_subset_renders_and_escapes()
    {
        var html = NotebookHtmlExporter.Markdown("# Title <x>\nSome **bold**, *it*, `code<>` and [a link](https://example.org).\n\n- one\n- two\n\n```\nvar a = 1 < 2;\n```");

        Assert.Contains("<h1>Title &lt;x&gt;</h1>", html);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("<em>it</em>", html);
        Assert.Contains("<code>code&lt;&gt;</code>", html);
        Assert.Contains("<a href=\"https://example.org\">a link</a>", html);
        Assert.Contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>", html);
        Assert.Contains("<pre><code>var a = 1 &lt; 2;\n</code></pre>", html);
    }

    [Fact]
    public void Outputs_are_embedded_by_kind()
    {
        var notebook = new Notebook(4, 5, new JsonObject(),
        [
            NotebookCell.NewCode("x < y") with
            {
                ExecutionCount = 3,
                Outputs =
                [
                    new StreamOutput("stdout", "a < b\n"),
                    new DisplayDataOutput(new Dictionary<string, string> { ["text/html"] = "<table class=\"dataframe\"></table>", ["text/plain"] = "t" }),
                    new DisplayDataOutput(new Dictionary<string, string> { ["image/png"] = "AAAA", ["text/plain"] = "img" }),
                    new ErrorOutput("Boom", "bad <thing>", ["line 1: x"]),
                ],
            },
        ]);

        var html = NotebookHtmlExporter.Export(notebook, "T");

        Assert.Contains("In [3]:", html);
        Assert.Contains("<pre><code>x &lt; y</code></pre>", html);
        Assert.Contains("a &lt; b", html);
        Assert.Contains("<table class=\"dataframe\"></table>", html);
        Assert.Contains("<img src=\"data:image/png;base64,AAAA\">", html);
        Assert.Contains("Boom: bad &lt;thing&gt;", html);
    }

    [Fact]
    public void Charts_from_several_sessions_share_one_plotly_js_in_the_head()
    {
        // Two sessions (a kernel restart, cells re-run) each inlined the library into their first chart's HTML.
        var chart = Plotly.NET.CSharp.Chart.Point<double, double, string>(new[] { 1.0 }, new[] { 2.0 });
        var first = new DisplayFormatter().Format(chart);
        var second = new DisplayFormatter().Format(chart);
        var legacy = new Dictionary<string, string> { ["text/html"] = first["text/html"], ["text/plain"] = "html only" };
        var notebook = new Notebook(4, 5, new JsonObject(),
        [
            NotebookCell.NewCode("a") with { Outputs = [new DisplayDataOutput(first), new DisplayDataOutput(second), new DisplayDataOutput(legacy)] },
        ]);

        var html = NotebookHtmlExporter.Export(notebook, "T");

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, Distill.Reporting.PlotlyLibrary.InlineMarker));
        Assert.True(html.IndexOf(Distill.Reporting.PlotlyLibrary.InlineMarker, StringComparison.Ordinal) < html.IndexOf("</head>", StringComparison.Ordinal));
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(html, @"Plotly\.newPlot\('").Count);
        Assert.Contains("<div id=\"chart-1\">", html);
        Assert.Contains("<div id=\"chart-2\">", html);
        var withoutCharts = NotebookHtmlExporter.Export(new Notebook(4, 5, new JsonObject(), [NotebookCell.NewMarkdown("# none")]), "T");
        Assert.DoesNotContain("<script", withoutCharts);
    }
}
