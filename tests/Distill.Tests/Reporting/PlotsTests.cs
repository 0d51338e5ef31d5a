using Distill.Corpora;
using Distill.Evaluation;
using Distill.Reporting;
using Distill.Tests.Evaluation;

namespace Distill.Tests.Reporting;

public class PlotsTests
{
    static readonly ScoreRow[] Rows =
    [
        new("teacher", "token", "disease", 0.8, 0.7, 0.75, 0.70, 0.80, 10, 9),
        new("student", "token", "disease", 0.9, 0.8, 0.75, 0.5, 0.875, 10, 9),
        new("student", "token", ScoreSummary.MicroAverage, 0.9, 0.8, 0.85, 0.81, 0.89, 10, 9),
    ];

    // plotly.js is inlined (its licence banner opens the first script) and nothing loads from elsewhere.
    // The bundle itself names cdn.plot.ly once, as the default topojsonURL that only geo maps fetch; we draw
    // no maps, so that one string is allowed inside the library and nowhere else.
    static void AssertStandalone(string html)
    {
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        var libraryStart = html.IndexOf("/**\n* plotly.js v", StringComparison.Ordinal);
        Assert.True(libraryStart > 0, "plotly.js source banner not found");
        var libraryEnd = html.IndexOf("</script>", libraryStart, StringComparison.Ordinal);
        var library = html[libraryStart..libraryEnd];
        Assert.True(library.Length > 1_000_000, $"only {library.Length} characters of plotly.js: it is not inlined");
        Assert.Equal(1, Occurrences(library, "cdn."));
        Assert.Contains("topojsonURL:{valType:\"string\",noBlank:!0,dflt:\"https://cdn.plot.ly/\"}", library);
        var outside = html[..libraryStart] + html[libraryEnd..];
        Assert.DoesNotContain("cdn.", outside, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Plotly.newPlot", outside);
    }

    static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.OrdinalIgnoreCase)) count++;
        return count;
    }

    [Fact]
    public void F1_chart_has_a_bar_per_system_with_asymmetric_error_bars_and_is_standalone()
    {
        var html = Plots.ToStandaloneHtml(Plots.F1WithIntervals(Rows, "token"), "F1");
        AssertStandalone(html);
        var json = Plotly.NET.GenericChart.toFigureJson(Plots.F1WithIntervals(Rows, "token"));
        // One entity type: one horizontal bar per system (the micro average repeats it and is left out), best on top.
        Assert.Contains("\"orientation\":\"h\"", json);
        Assert.Contains("\"y\":[\"teacher\",\"student\"]", json);
        Assert.Contains("\"error_x\"", json);
        Assert.Contains("\"symmetric\":false", json);
        Assert.Contains("\"array\":[0.050000000000000044,0.125]", json);     // teacher 0.80 - 0.75, student 0.875 - 0.75 above
        Assert.Contains("\"arrayminus\":[0.050000000000000044,0.25]", json); // and 0.75 - 0.70, 0.75 - 0.5 below
    }

    [Fact]
    public void Every_plot_gives_a_system_the_same_colour_whatever_else_it_shows()
    {
        var student = SystemColors.Of(StudySystemNames.DistilledStudent);
        var mesh = SystemColors.Of(StudySystemNames.Teacher("mesh"));
        Assert.NotEqual(student, mesh);
        Assert.Equal(SystemColors.Of("some-other-system"), SystemColors.Of("some-other-system"));
        var rows = new ScoreRow[]
        {
            new(StudySystemNames.DistilledStudent, "token", "disease", 0.8, 0.8, 0.8, 0.7, 0.9, 10, 10),
            new(StudySystemNames.Teacher("mesh"), "token", "disease", 0.7, 0.7, 0.7, 0.6, 0.8, 10, 10),
        };
        var f1 = Plotly.NET.GenericChart.toFigureJson(Plots.F1BySystem(rows, "disease"));
        var cost = Plotly.NET.GenericChart.toFigureJson(Plots.CostVersusF1([new CostPoint(StudySystemNames.DistilledStudent, 1e-6, 0.8, 0.7, 0.9, 0.01)], CostAxis.Seconds));
        var curves = Plotly.NET.GenericChart.toFigureJson(Plots.LearningCurves([new EpochRecord(StudySystemNames.DistilledStudent, 1, 0.5, null, 0.7)]));
        Assert.Contains($"\"color\":[\"{mesh}\",\"{student}\"]", f1);
        Assert.Contains($"\"color\":\"{student}\"", cost);
        Assert.Contains($"\"color\":\"{student}\"", curves);
        Assert.Contains("\"y\":[\"mesh\",\"student\"]", f1); // short names on the axis
    }

    [Fact]
    public void Cost_scatter_uses_a_log_x_axis_and_rejects_free_systems()
    {
        var chart = Plots.CostVersusF1([new CostPoint("gpt-4o", 0.05, 0.8, 0.75, 0.85), new CostPoint("student", 0.0002, 0.82, 0.78, 0.86)]);
        var json = Plotly.NET.GenericChart.toFigureJson(chart);
        Assert.Contains("\"type\":\"log\"", json);
        // Labels point away from the nearer edge, and the log range leaves room for them (log10 0.0002 = -3.7, log10 0.05 = -1.3).
        Assert.Contains("\"textposition\":\"middle left\"", json);
        Assert.Contains("\"textposition\":\"middle right\"", json);
        Assert.Contains("\"showlegend\":false", json);
        Assert.Matches("\"range\":\\[-4\\.\\d+,-0\\.\\d+\\]", json);
        Assert.Throws<ArgumentException>(() => Plots.CostVersusF1([new CostPoint("free", 0, 0.5, 0.4, 0.6)]));
        Assert.Throws<ArgumentException>(() => Plots.CostVersusF1([new CostPoint("instant", 0.1, 0.5, 0.4, 0.6, 0)], CostAxis.Seconds));
    }

    [Fact]
    public void Learning_curves_and_error_confusion_render()
    {
        var curves = Plots.LearningCurves(
        [
            new EpochRecord("teacher labels", 1, 0.9, 0.8, 0.60), new EpochRecord("teacher labels", 2, 0.5, 0.6, 0.70),
            new EpochRecord("human labels", 1, 0.8, 0.7, 0.65), new EpochRecord("human labels", 2, 0.4, 0.5, 0.75),
        ]);
        var json = Plotly.NET.GenericChart.toFigureJson(curves);
        Assert.Contains("\"name\":\"human labels\"", json);
        Assert.Contains("[0.6,0.7]", json);

        var doc = DocumentBuilder.Doc("a", "fever and rash", ("fever", EntityTypes.Symptom), ("rash", EntityTypes.Symptom));
        var errors = ErrorAnalysis.Find("s", [doc], [doc.WithSpans([])], [EntityTypes.Symptom]);
        var heat = Plotly.NET.GenericChart.toFigureJson(Plots.ErrorConfusion(errors));
        Assert.Contains("\"type\":\"heatmap\"", heat);
        Assert.Contains("[0],[0],[0],[2],[0]", heat); // Missed row holds both errors
    }

    [Fact]
    public async Task Saved_file_is_the_standalone_page()
    {
        var path = Path.Combine(Path.GetTempPath(), $"distill-plot-{Guid.NewGuid():N}.html");
        try
        {
            await Plots.SaveStandaloneHtmlAsync(Plots.F1WithIntervals(Rows, "token"), path, "F1");
            AssertStandalone(await File.ReadAllTextAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
