using System.Text.RegularExpressions;
using Distill.Reporting;

namespace Distill.Tests.Reporting;

public sealed class ReportPageTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("distill-page-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    static int Count(string text, string value) => Regex.Matches(text, Regex.Escape(value)).Count;

    [Fact]
    public async Task The_page_reads_like_the_study_headline_first_then_figures_then_collapsed_details()
    {
        var report = await SyntheticStudyRun.CreateAsync(root);
        var html = await File.ReadAllTextAsync(report.Folder.Report);

        var headline = html.IndexOf($"<table id=\"{ReportPage.HeadlineId}\">", StringComparison.Ordinal);
        var verdict = html.IndexOf("<div class=\"verdict\">", StringComparison.Ordinal);
        var figures = html.IndexOf("<h2>Figures</h2>", StringComparison.Ordinal);
        var details = html.IndexOf("<h2>Details</h2>", StringComparison.Ordinal);
        Assert.True(headline > 0 && headline < verdict && verdict < figures && figures < details, $"{headline} {verdict} {figures} {details}");
        Assert.Contains("<td>distilled student</td>", html);
        Assert.Contains("<td>best single teacher</td>", html);
        Assert.Contains("GPT-4o (teacher), Vedula et al. 2024", html);

        // One plotly.js for the page, one div per figure, nothing fetched from elsewhere.
        Assert.Equal(1, Count(html, PlotlyLibrary.InlineMarker));
        Assert.Equal(report.Figures.Count, Count(html, "class=\"plot\""));
        Assert.True(report.Figures.Count >= 4, string.Join(", ", report.Figures.Select(f => f.Name)));
        Assert.DoesNotContain(" src=\"http", html);
        Assert.DoesNotContain("cdn.plot.ly/plotly", html);

        // Details are collapsed, and with one entity type every score appears once (no micro/macro copies of it).
        var tail = html[details..];
        Assert.DoesNotContain("<details open", tail);
        Assert.Equal(0, Count(tail, "<td>micro</td>") + Count(tail, "<td>macro</td>"));
        Assert.Contains("<a href=\"errors/student.distilled.csv\">", tail);
        Assert.Contains("@media print", html);
        Assert.Contains("beforeprint", html);
        Assert.True(new FileInfo(report.Folder.Report).Length < 5_000_000, $"{new FileInfo(report.Folder.Report).Length} bytes");
    }

    [Fact]
    public void A_figures_page_with_a_shared_library_holds_no_copy()
    {
        var rows = new ScoreRow[] { new("a", "token", "disease", 0.5, 0.5, 0.5, 0.4, 0.6, 10, 10) };
        var page = ReportPage.FiguresPage("T", "intro", [new ReportFigure("f1", "caption", Plots.F1BySystem(rows, "disease"))], PlotlyReference.Shared("../plotly.min.js"));

        Assert.Contains("<script src=\"../plotly.min.js\"></script>", page);
        Assert.DoesNotContain(PlotlyLibrary.InlineMarker, page);
        Assert.True(page.Length < 50_000);
        Assert.Throws<ArgumentException>(() => PlotlyReference.Shared("/abs/plotly.min.js"));
    }
}
