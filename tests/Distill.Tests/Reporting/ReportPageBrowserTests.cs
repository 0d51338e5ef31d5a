using Distill.Reporting;
using Distill.Tests.Browser;

namespace Distill.Tests.Reporting;

/// <summary>report.html opened in headless Chromium with the network blocked (issue 17): it must draw every figure by itself.</summary>
public sealed class ReportPageBrowserTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>, IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("distill-browser-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task Every_figure_renders_offline_with_the_headline_table_and_no_console_error()
    {
        var report = await SyntheticStudyRun.CreateAsync(root);

        var visit = await chromium.OpenAsync(report.Folder.Report);
        var plots = await HeadlessChromium.WaitForPlotsAsync(visit.Page, report.Figures.Count);

        Assert.Equal(report.Figures.Count, plots);
        var headline = visit.Page.Locator($"table#{ReportPage.HeadlineId}");
        Assert.Equal(1, await headline.CountAsync());
        Assert.Contains("distilled student", await headline.InnerTextAsync());
        // The details start collapsed: their tables are not shown until opened.
        Assert.False(await visit.Page.Locator("details").First.Locator("table").First.IsVisibleAsync());
        Assert.Empty(visit.ConsoleErrors);
        Assert.Empty(visit.PageErrors);
        Assert.Empty(visit.BlockedRequests);
        // Bars drawn, not just an empty frame: the F1 figure has one bar per system.
        Assert.Equal(4, await visit.Page.Locator("#figure-f1-disease g.point").CountAsync());
        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "report-synthetic.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await visit.Page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }
}
