using Distill.Notebooks;

namespace Distill.Tests.Notebooks;

public sealed class NotebookRunnerTests
{
    static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Notebooks", name);

    [Fact]
    public async Task Runs_a_notebook_with_parameters_into_valid_nbformat_and_offline_html()
    {
        using var temp = new TempFolder();
        var options = new NotebookRunOptions(temp.Path, new Dictionary<string, string> { ["epochs"] = "5", ["quick"] = "true" });

        var result = await NotebookRunner.RunAsync(TestData("display.ipynb"), options);

        Assert.True(result.Succeeded, result.Error?.Describe("display.ipynb"));
        DebianPython.AssertValidNotebook(result.OutputPath);
        var executed = NotebookFile.Read(result.OutputPath);
        Assert.Equal(5, executed.Cells.Count);
        Assert.True(executed.Cells[2].HasTag(NotebookParameters.InjectedTag));
        var main = executed.Cells[3];
        Assert.Equal(3, main.ExecutionCount);
        Assert.Equal(new StreamOutput("stdout", "epochs=5 quick=True label=base\n"), main.Outputs[0]);
        Assert.Equal(new StreamOutput("stderr", "a warning\n"), main.Outputs[1]);
        Assert.Contains("<td>&lt;c&gt;</td>", Assert.IsType<DisplayDataOutput>(main.Outputs[2]).Data["text/html"]);
        Assert.Contains("Plotly.newPlot(", Assert.IsType<DisplayDataOutput>(main.Outputs[3]).Data["text/html"]);
        Assert.Equal("50", Assert.IsType<ExecuteResultOutput>(main.Outputs[4]).Data["text/plain"]);
        Assert.DoesNotContain(main.Outputs, o => o is StreamOutput { Text: "stale output\n" });
        Assert.True(Assert.IsType<DisplayDataOutput>(executed.Cells[4].Outputs[0]).Data.ContainsKey("image/png"));
        Assert.Equal("5", executed.Metadata["distill"]!["parameters"]!["epochs"]!.GetValue<string>());

        var html = await File.ReadAllTextAsync(result.HtmlPath!);
        Assert.Contains("<h1>Display test</h1>", html);
        Assert.Contains("plotly.js v2", html);
        Assert.DoesNotContain("<script src=", html); // nothing fetched: the page opens offline
    }

    [Fact]
    public async Task A_failing_cell_stops_the_run_and_the_partial_notebook_is_written()
    {
        using var temp = new TempFolder();

        var result = await NotebookRunner.RunAsync(TestData("failing.ipynb"), new NotebookRunOptions(temp.Path));

        var error = Assert.IsType<NotebookCellError>(result.Error);
        Assert.Equal(2, error.Cell);
        Assert.Equal(2, error.Failure.Line);
        var message = error.Describe("failing.ipynb");
        Assert.StartsWith("failing.ipynb: cell 2 failed at line 2: var third = items[2];", message);
        Assert.Contains("ArgumentOutOfRangeException", message);

        DebianPython.AssertValidNotebook(result.OutputPath);
        var partial = NotebookFile.Read(result.OutputPath);
        Assert.Equal(new StreamOutput("stdout", "first cell ran\n"), Assert.Single(partial.Cells[0].Outputs));
        Assert.Equal(new StreamOutput("stdout", "before the failure\n"), partial.Cells[1].Outputs[0]);
        Assert.IsType<ErrorOutput>(partial.Cells[1].Outputs[1]);
        Assert.Empty(partial.Cells[2].Outputs);
        Assert.Null(partial.Cells[2].ExecutionCount);
        Assert.False(partial.Metadata["distill"]!["succeeded"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_source_folder_is_refused_as_output()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            NotebookRunner.RunAsync(TestData("failing.ipynb"), new NotebookRunOptions(Path.GetDirectoryName(TestData("failing.ipynb"))!)));
        Assert.Contains("not overwritten", e.Message);
    }

    [Fact]
    public async Task The_quickstart_notebook_runs_headless_in_quick_mode()
    {
        using var temp = new TempFolder();
        // A small deterministic notebook with the quickstart's cell conventions; the repository's notebooks run the
        // whole study (minutes) and are executed by CI in quick mode instead.
        var quickstart = Path.Combine(AppContext.BaseDirectory, "TestData", "Notebooks", "quickstart.ipynb");

        var result = await NotebookRunner.RunAsync(quickstart, new NotebookRunOptions(temp.Path, new Dictionary<string, string> { ["quick"] = "true" }));

        Assert.True(result.Succeeded, result.Error?.Describe("00-quickstart.ipynb"));
        DebianPython.AssertValidNotebook(result.OutputPath);
        var outputs = NotebookFile.Read(result.OutputPath).Cells.SelectMany(c => c.Outputs).ToList();
        Assert.Contains(outputs, o => o is StreamOutput { Text: var t } && t.Contains("quick mode: True"));
        Assert.Contains(outputs, o => o is DisplayDataOutput d && d.Data["text/html"].Contains("<td>diabetes</td>"));
    }
}
