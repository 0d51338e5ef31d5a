using System.Text.Json.Nodes;
using Distill.Notebooks;

namespace Distill.Tests.Notebooks;

public sealed class NotebookParametersTests
{
    static Notebook WithParameters(string parameters) => new(4, 5, new JsonObject(),
    [
        NotebookCell.NewMarkdown("# Title"),
        NotebookCell.NewCode(parameters, NotebookParameters.ParametersTag),
        NotebookCell.NewCode("Console.WriteLine(epochs);"),
    ]);

    [Fact]
    public void Declarations_read_explicit_types_and_infer_var_from_literals()
    {
        var declared = NotebookParameters.Declarations(
            "#!csharp\nint epochs = 3;\nvar quick = false;\nvar rate = 0.5;\nvar name = \"ncbi\";\nstring? teachers = null;\nvar big = 5L;\nvar list = new List<int>();");

        Assert.Equal("int", declared["epochs"]);
        Assert.Equal("bool", declared["quick"]);
        Assert.Equal("double", declared["rate"]);
        Assert.Equal("string", declared["name"]);
        Assert.Equal("string?", declared["teachers"]);
        Assert.Equal("long", declared["big"]);
        Assert.Equal("var", declared["list"]);
    }

    [Fact]
    public void Injected_cell_follows_the_parameters_cell_with_typed_literals()
    {
        var notebook = WithParameters("int epochs = 3;\nvar quick = false;\ndouble rate = 0.1;\nstring name = \"x\";");
        var values = new Dictionary<string, string> { ["epochs"] = "7", ["quick"] = "true", ["rate"] = "2", ["name"] = "say \"hi\"\n", ["extra"] = "1.5" };

        var injected = NotebookParameters.Inject(notebook, values, "n.ipynb");

        Assert.Equal(4, injected.Cells.Count);
        var cell = injected.Cells[2];
        Assert.Equal([NotebookParameters.InjectedTag], cell.Tags);
        Assert.Contains("int epochs = 7;", cell.Source);
        Assert.Contains("bool quick = true;", cell.Source);
        Assert.Contains("double rate = 2d;", cell.Source);
        Assert.Contains("string name = \"say \\\"hi\\\"\\n\";", cell.Source);
        Assert.Contains("var extra = 1.5d;", cell.Source);
        Assert.Equal("Console.WriteLine(epochs);", injected.Cells[3].Source);
    }

    [Fact]
    public void A_second_injection_replaces_the_first()
    {
        var once = NotebookParameters.Inject(WithParameters("int epochs = 3;"), new Dictionary<string, string> { ["epochs"] = "1" });
        var twice = NotebookParameters.Inject(once, new Dictionary<string, string> { ["epochs"] = "2" });

        var injected = Assert.Single(twice.Cells, c => c.HasTag(NotebookParameters.InjectedTag));
        Assert.Contains("int epochs = 2;", injected.Source);
        Assert.Equal(4, twice.Cells.Count);
    }

    [Fact]
    public void Without_a_parameters_cell_the_injection_goes_first()
    {
        var notebook = new Notebook(4, 5, new JsonObject(), [NotebookCell.NewCode("1")]);

        var injected = NotebookParameters.Inject(notebook, new Dictionary<string, string> { ["quick"] = "true" });

        Assert.True(injected.Cells[0].HasTag(NotebookParameters.InjectedTag));
        Assert.Contains("var quick = true;", injected.Cells[0].Source);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_notebook_parameter_and_type()
    {
        var e = Assert.Throws<NotebookParameterException>(() =>
            NotebookParameters.Inject(WithParameters("int epochs = 3;"), new Dictionary<string, string> { ["epochs"] = "many" }, "04-student.ipynb"));

        Assert.Contains("04-student.ipynb", e.Message);
        Assert.Contains("'epochs'", e.Message);
        Assert.Contains("int", e.Message);
        Assert.Contains("'many'", e.Message);
    }

    [Fact]
    public void Assignments_without_equals_are_rejected()
    {
        Assert.Equal("a=b", NotebookParameters.ParseAssignments(["x=a=b"])["x"]);
        var e = Assert.Throws<NotebookParameterException>(() => NotebookParameters.ParseAssignments(["epochs"]));
        Assert.Contains("name=value", e.Message);
    }
}
