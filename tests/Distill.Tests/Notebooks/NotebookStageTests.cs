using Distill.Notebooks;
using Distill.Pipeline.Events;

namespace Distill.Tests.Notebooks;

public sealed class NotebookStageTests
{
    static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Notebooks", name);

    [Fact]
    public void The_ner_study_runs_its_own_notebooks_and_not_the_other_studies()
    {
        var folder = global::Distill.Runtime.DistillPaths.Default.Notebooks;
        var ner = NotebookStage.NotebooksOfStudy(folder, "ner").Select(Path.GetFileName).ToArray();
        Assert.Contains("00-quickstart.ipynb", ner);
        Assert.Contains("06-cost-and-latency.ipynb", ner);
        Assert.DoesNotContain("07-adverse-drug-events.ipynb", ner);
        Assert.DoesNotContain("08-synthetic-qa.ipynb", ner);
        Assert.Equal(["07-adverse-drug-events.ipynb"], NotebookStage.NotebooksOfStudy(folder, "ade").Select(Path.GetFileName));
        Assert.Equal(["08-synthetic-qa.ipynb"], NotebookStage.NotebooksOfStudy(folder, "qa").Select(Path.GetFileName));
        Assert.Equal(NotebookStage.NotebooksIn(folder).Count, new[] { "ner", "ade", "qa" }.Sum(s => NotebookStage.NotebooksOfStudy(folder, s).Count));
    }

    [Fact]
    public async Task Runs_notebooks_in_order_reports_events_and_stops_at_the_first_failure()
    {
        using var temp = new TempFolder();
        var events = new List<StageEvent>();
        var progress = StageReporting.Immediate<StageEvent>(events.Add);
        var notebooks = new[] { TestData("quickstart.ipynb"), TestData("failing.ipynb"), TestData("display.ipynb") };

        var results = await NotebookStage.RunAsync(notebooks, new NotebookRunOptions(temp.Path, NotebookStage.StudyParameters(true, null), WriteHtml: false), progress);

        // display.ipynb never runs: the stage stops at failing.ipynb, whose partial notebook is written.
        Assert.Equal(2, results.Count);
        Assert.True(results[0].Succeeded);
        Assert.False(results[1].Succeeded);
        Assert.NotNull(results[1].Error);
        Assert.True(File.Exists(results[1].OutputPath));
        Assert.False(File.Exists(Path.Combine(temp.Path, "display.ipynb")));
        Assert.All(events, e => Assert.Equal(NotebookStage.Name, e.Stage));
        var bars = events.OfType<StageProgress>().ToArray();
        // One task per notebook, advanced cell by cell (code cells; the first is a markdown cell) and ended at 1.
        var quickstart = bars.Where(p => p.Task == "quickstart.ipynb").ToArray();
        Assert.StartsWith("quickstart.ipynb cell ", quickstart[0].Description);
        Assert.True(quickstart[0].Fraction < 1);
        Assert.Equal(quickstart.Select(p => p.Fraction).Order(), quickstart.Select(p => p.Fraction));
        Assert.Equal(1, quickstart[^1].Fraction);
        Assert.Contains(bars, p => p.Task == "failing.ipynb" && p.Fraction == 1);
        Assert.DoesNotContain(bars, p => p.Task == "display.ipynb");
        var message = Assert.Single(events.OfType<StageMessage>());
        Assert.StartsWith("quickstart.ipynb: ", message.Text);
        Assert.Contains(results[0].OutputPath, message.Text);
    }

    [Fact]
    public async Task The_study_stage_throws_with_the_notebook_and_cell_and_passes_quick_and_run_dir()
    {
        using var temp = new TempFolder();
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            NotebookStage.RunAllAsync([TestData("failing.ipynb")], temp.Path, quick: true, runDirectory: temp.Path));
        Assert.Contains("failing.ipynb", e.Message);
        Assert.Contains("partial notebook", e.Message);

        var parameters = NotebookStage.StudyParameters(false, "relative/run");
        Assert.Equal("false", parameters["quick"]);
        Assert.Equal(Path.GetFullPath("relative/run"), parameters["run_dir"]);
        Assert.Equal("", NotebookStage.StudyParameters(true, null)["run_dir"]);
    }

    [Fact]
    public void The_repository_notebooks_are_found_in_reading_order()
    {
        var notebooks = NotebookStage.NotebooksIn(Path.Combine(RepositoryRoot.Path, "notebooks")).Select(Path.GetFileName).ToArray();
        Assert.Equal(notebooks.Order(StringComparer.Ordinal), notebooks);
        Assert.Equal("00-quickstart.ipynb", notebooks[0]);
        Assert.Contains("04-student-training.ipynb", notebooks);
    }
}
