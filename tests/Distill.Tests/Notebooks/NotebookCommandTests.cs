using System.CommandLine;
using System.Text.Json.Nodes;
using Distill.Cli.Commands;
using Distill.Notebooks;

namespace Distill.Tests.Notebooks;

/// <summary>The `distill notebook` and `distill kernel` commands, invoked in process as the tool parses them.</summary>
public sealed class NotebookCommandTests
{
    static async Task<int> InvokeAsync(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(NotebookCommand.Create());
        root.Subcommands.Add(KernelCommand.Create());
        return await root.Parse(args).InvokeAsync();
    }

    [Fact]
    public async Task A_failing_notebook_exits_non_zero_and_leaves_the_partial_notebook()
    {
        using var temp = new TempFolder();
        var notebook = Path.Combine(AppContext.BaseDirectory, "TestData", "Notebooks", "failing.ipynb");

        var code = await InvokeAsync("notebook", "run", notebook, "--out", temp.Path, "-p", "unused=1");

        Assert.Equal(1, code);
        var partial = NotebookFile.Read(temp.File("failing.ipynb"));
        Assert.Contains(partial.Cells, c => c.Outputs.OfType<ErrorOutput>().Any());
        Assert.True(File.Exists(temp.File("failing.html")));
    }

    [Fact]
    public async Task A_bad_parameter_exits_with_a_usage_error()
    {
        using var temp = new TempFolder();
        var notebook = Path.Combine(AppContext.BaseDirectory, "TestData", "Notebooks", "display.ipynb");

        Assert.Equal(2, await InvokeAsync("notebook", "run", notebook, "--out", temp.Path, "-p", "epochs=many"));
        Assert.False(File.Exists(temp.File("display.ipynb")));
        // read before any notebook runs, outside what the command used to catch: it must still be one line and exit 2
        Assert.Equal(2, await InvokeAsync("notebook", "run", notebook, "--out", temp.Path, "-p", "epochs"));
        Assert.False(File.Exists(temp.File("display.ipynb")));
    }

    [Fact]
    public async Task Kernel_install_with_a_prefix_writes_the_kernelspec()
    {
        using var temp = new TempFolder();

        Assert.Equal(0, await InvokeAsync("kernel", "install", "--prefix", temp.Path));

        var spec = JsonNode.Parse(File.ReadAllText(temp.File("share/jupyter/kernels/distill-csharp/kernel.json")))!;
        var argv = spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Equal(["kernel", "run", "{connection_file}"], argv[^3..]);
        Assert.True(File.Exists(argv[0]), $"argv[0] {argv[0]} should be the running executable");
    }
}
