using Distill.Notebooks;
using Microsoft.Data.Analysis;

namespace Distill.Tests.Notebooks;

public sealed class DisplayFormatterTests
{
    [Fact]
    public void DataFrame_becomes_an_escaped_html_table_with_a_row_limit()
    {
        var frame = new DataFrame(
            new PrimitiveDataFrameColumn<int>("n", Enumerable.Range(0, 5)),
            new StringDataFrameColumn("word", ["a", "<b>", "c", "d", "e"]));

        var bundle = new DisplayFormatter(new DisplaySettings(MaxTableRows: 3)).Format(frame);

        var html = bundle["text/html"];
        Assert.StartsWith("<table class=\"dataframe\">", html);
        Assert.Contains("<th>n</th><th>word</th>", html);
        Assert.Contains("<td>&lt;b&gt;</td>", html);
        Assert.Contains("<tr><th>2</th><td>2</td><td>c</td></tr>", html);
        Assert.DoesNotContain("<td>d</td>", html);
        Assert.Contains("... 2 more rows", html);
        Assert.True(bundle.ContainsKey("text/plain"));
    }

    [Fact]
    public void Charts_inline_plotly_js_once_per_formatter_and_carry_their_figure_json()
    {
        var formatter = new DisplayFormatter();
        var chart = Plotly.NET.CSharp.Chart.Point<double, double, string>(new[] { 1.0, 2.0 }, new[] { 3.0, 5.0 });

        var first = formatter.Format(chart);
        var second = formatter.Format(chart);

        Assert.Contains("plotly.js v2", first["text/html"]);
        Assert.DoesNotContain("plotly.js v2", second["text/html"]);
        Assert.DoesNotContain("<script src=", first["text/html"]); // plotly.js is inline, nothing is fetched
        foreach (var bundle in new[] { first, second })
        {
            Assert.Contains("Plotly.newPlot(", bundle["text/html"]);
            Assert.Contains("\"x\":[1.0,2.0]", bundle["text/html"]);
            // JupyterLab's and VS Code's Plotly renderers draw this with their own library (untrusted notebooks run no script).
            var figure = System.Text.Json.Nodes.JsonNode.Parse(bundle[DisplayFormatter.PlotlyMimeType])!;
            Assert.Equal(2, figure["data"]![0]!["x"]!.AsArray().Count);
            Assert.NotNull(figure["layout"]);
        }
    }

    [Fact]
    public void With_a_shared_library_no_chart_carries_a_copy()
    {
        var formatter = new DisplayFormatter(new DisplaySettings(Plotly: Distill.Reporting.PlotlyReference.Shared("../plotly.min.js")));
        var chart = Plotly.NET.CSharp.Chart.Point<double, double, string>(new[] { 1.0 }, new[] { 3.0 });

        var first = formatter.Format(chart)["text/html"];

        Assert.StartsWith("<script src=\"../plotly.min.js\"></script>", first);
        Assert.DoesNotContain("plotly.js v2", first);
        Assert.DoesNotContain("<script src=", formatter.Format(chart)["text/html"]);
    }

    [Fact]
    public void Png_bytes_become_base64_images_and_other_bytes_do_not()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2];
        var formatter = new DisplayFormatter();

        Assert.Equal(Convert.ToBase64String(png), formatter.Format(png)["image/png"]);
        Assert.False(formatter.Format(new byte[] { 1, 2, 3 }).ContainsKey("image/png"));
    }

    [Fact]
    public void Plain_values_use_invariant_text()
    {
        var formatter = new DisplayFormatter();

        Assert.Equal("null", formatter.Format(null)["text/plain"]);
        Assert.Equal("0.5", formatter.Format(0.5)["text/plain"]);
        Assert.Equal("[1, 2, 3]", formatter.Format(new List<int> { 1, 2, 3 })["text/plain"]);
        Assert.Equal("Point { X = 1 }", formatter.Format(new Point(1))["text/plain"]);
        Assert.Equal("<i>x</i>", formatter.Format(new Html("<i>x</i>"))["text/html"]);
    }

    sealed record Point(int X);
}
