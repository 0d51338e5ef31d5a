using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Distill.Notebooks;
using Distill.Reporting;
using Distill.Tests.Browser;
using Microsoft.Data.Analysis;

namespace Distill.Tests.Notebooks;

/// <summary>Notebook HTML exports opened in headless Chromium with the network blocked: charts drawn, one plotly.js per page.</summary>
public sealed class NotebookHtmlExporterBrowserTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>, IDisposable
{
    readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    static Notebook WithCharts(DisplayFormatter formatter)
    {
        var line = Plotly.NET.CSharp.Chart.Line<int, double, string>(new[] { 1, 2, 3 }, new[] { 0.5, 0.6, 0.8 });
        var bars = Plots.F1BySystem([new ScoreRow("student.distilled", "token", "disease", 0.8, 0.7, 0.75, 0.7, 0.8, 10, 9)], "disease");
        var frame = new DataFrame(new PrimitiveDataFrameColumn<int>("n", [1, 2]));
        DisplayDataOutput Show(object value) => new(formatter.Format(value));
        return new Notebook(4, 5, new JsonObject(),
        [
            NotebookCell.NewMarkdown("# A notebook with two charts"),
            NotebookCell.NewCode("line") with { ExecutionCount = 1, Outputs = [Show(line)] },
            NotebookCell.NewCode("frame") with { ExecutionCount = 2, Outputs = [Show(frame)] },
            NotebookCell.NewCode("bars") with { ExecutionCount = 3, Outputs = [Show(bars)] },
        ]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Charts_render_offline_from_one_plotly_js(bool shared)
    {
        var plotly = shared ? PlotlyReference.Shared(PlotlyLibrary.FileName) : PlotlyReference.Inline;
        if (shared) await PlotlyLibrary.WriteSharedCopyAsync(folder.Path);
        // Outputs as a live session makes them (the first chart's HTML carries the library), exported for a folder.
        var notebook = WithCharts(new DisplayFormatter());
        var path = folder.File("charts.html");
        NotebookHtmlExporter.Write(path, notebook, "charts", plotly);
        var html = await File.ReadAllTextAsync(path);
        Assert.Equal(shared ? 0 : 1, Regex.Matches(html, PlotlyLibrary.InlineMarker).Count);
        Assert.Equal(shared ? 1 : 0, Regex.Matches(html, Regex.Escape("<script src=\"plotly.min.js\">")).Count);

        var visit = await chromium.OpenAsync(path);

        Assert.Equal(2, await HeadlessChromium.WaitForPlotsAsync(visit.Page, 2));
        Assert.Equal(1, await visit.Page.Locator("table.dataframe").CountAsync());
        Assert.Empty(visit.ConsoleErrors);
        Assert.Empty(visit.PageErrors);
        Assert.Empty(visit.BlockedRequests);
    }
}
