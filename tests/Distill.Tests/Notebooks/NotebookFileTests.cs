using System.Text.Json.Nodes;
using Distill.Notebooks;

namespace Distill.Tests.Notebooks;

public sealed class NotebookFileTests
{
    static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Notebooks", name);

    [Fact]
    public void Round_trip_keeps_sources_metadata_and_outputs()
    {
        var original = NotebookFile.Read(TestData("display.ipynb"));
        var again = NotebookFile.Parse(NotebookFile.Serialize(original));

        Assert.Equal(original.Cells.Select(c => c.Source), again.Cells.Select(c => c.Source));
        Assert.Equal(original.Cells.Select(c => c.CellType), again.Cells.Select(c => c.CellType));
        Assert.Equal("[1,2,3]", again.Metadata["custom_top"]!.ToJsonString());
        Assert.Equal("C# (distill)", again.Metadata["kernelspec"]!["display_name"]!.GetValue<string>());
        Assert.True(again.Cells[2].Metadata["custom"]!["kept"]!.GetValue<bool>());
        Assert.Equal(7, again.Cells[2].ExecutionCount);
        Assert.Equal(new StreamOutput("stdout", "stale output\n"), Assert.Single(again.Cells[2].Outputs));
        Assert.Equal(["parameters"], again.Cells[1].Tags);
        Assert.Equal(Notebook.WrittenMinor, again.NbFormatMinor);
    }

    [Fact]
    public void Writes_sources_and_texts_as_lists_of_lines_with_cell_ids()
    {
        var notebook = new Notebook(4, 4, new JsonObject(),
            [NotebookCell.NewCode("int a = 1;\nint b = 2;") with { Outputs = [new StreamOutput("stdout", "x\ny\n")] }]);

        var json = JsonNode.Parse(NotebookFile.Serialize(notebook))!;
        var cell = json["cells"]![0]!;

        Assert.Equal("""["int a = 1;\n","int b = 2;"]""", cell["source"]!.ToJsonString());
        Assert.Equal("""["x\n","y\n"]""", cell["outputs"]![0]!["text"]!.ToJsonString());
        Assert.Matches("^[a-zA-Z0-9-_]+$", cell["id"]!.GetValue<string>());
        Assert.Equal(5, json["nbformat_minor"]!.GetValue<int>());
    }

    [Fact]
    public void Every_output_kind_passes_the_nbformat_validator()
    {
        using var temp = new TempFolder();
        var outputs = new CellOutput[]
        {
            new StreamOutput("stdout", "hello\n"),
            new StreamOutput("stderr", "careful\n"),
            new DisplayDataOutput(new Dictionary<string, string> { ["text/html"] = "<b>x</b>", ["text/plain"] = "x" }),
            new DisplayDataOutput(new Dictionary<string, string> { ["application/json"] = """{"a":[1,2]}""" }),
            new ExecuteResultOutput(1, new Dictionary<string, string> { ["text/plain"] = "42" }),
            new ErrorOutput("InvalidOperationException", "boom", ["line 1: x", "at Submission#0"]),
        };
        var notebook = new Notebook(4, 5, new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = "distill-csharp", ["display_name"] = "C# (distill)" } },
        [
            NotebookCell.NewMarkdown("# Title\ntext"),
            NotebookCell.NewCode("42", "parameters") with { ExecutionCount = 1, Outputs = outputs },
            new NotebookCell(CellTypes.Raw, "raw text", new JsonObject()),
        ]);
        var path = temp.File("all-outputs.ipynb");

        NotebookFile.Write(path, notebook);

        DebianPython.AssertValidNotebook(path);
        var back = NotebookFile.Read(path);
        Assert.Equal(outputs.Length, back.Cells[1].Outputs.Count);
        var json = Assert.IsType<DisplayDataOutput>(back.Cells[1].Outputs[3]);
        Assert.Equal("""{"a":[1,2]}""", json.Data["application/json"]);
        var error = Assert.IsType<ErrorOutput>(back.Cells[1].Outputs[5]);
        Assert.Equal(("InvalidOperationException", "boom"), (error.EName, error.EValue));
        Assert.Equal(["line 1: x", "at Submission#0"], error.Traceback);
    }

    [Fact]
    public void Missing_cells_names_the_file_and_field()
    {
        var e = Assert.Throws<NotebookFormatException>(() => NotebookFile.Parse("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}""", "x.ipynb"));
        Assert.Contains("x.ipynb", e.Message);
        Assert.Contains("'cells'", e.Message);
    }

    [Fact]
    public void Unknown_output_type_names_the_cell_and_output()
    {
        const string json = """
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
              {"cell_type": "markdown", "metadata": {}, "source": "hi"},
              {"cell_type": "code", "metadata": {}, "source": "1", "execution_count": 1, "outputs": [{"output_type": "widget"}]}]}
            """;
        var e = Assert.Throws<NotebookFormatException>(() => NotebookFile.Parse(json, "y.ipynb"));
        Assert.Contains("y.ipynb: cell 2, output 1", e.Message);
        Assert.Contains("'widget'", e.Message);
    }

    [Fact]
    public void Nbformat_3_is_rejected_with_advice()
    {
        var e = Assert.Throws<NotebookFormatException>(() => NotebookFile.Parse("""{"nbformat": 3, "nbformat_minor": 0, "worksheets": []}""", "old.ipynb"));
        Assert.Contains("nbformat 3 is not supported", e.Message);
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("a", new[] { "a" })]
    [InlineData("a\n", new[] { "a\n" })]
    [InlineData("a\nb", new[] { "a\n", "b" })]
    [InlineData("\n\n", new[] { "\n", "\n" })]
    public void SplitLines_keeps_newlines_on_all_but_the_last_line(string text, string[] expected) =>
        Assert.Equal(expected, NotebookFile.SplitLines(text));
}
