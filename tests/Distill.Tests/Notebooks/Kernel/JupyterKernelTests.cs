using Distill.Notebooks;
using Distill.Notebooks.Kernel;

namespace Distill.Tests.Notebooks.Kernel;

/// <summary>
/// Drives the kernel as Jupyter does: jupyter_client starts `distill kernel run` through a kernelspec installed in
/// a scratch folder, then executes, completes, inspects, interrupts, restarts and shuts down (see
/// TestData/Notebooks/kernel_client.py); nbclient then executes TestData/Notebooks/quickstart.ipynb, whose outputs must match the headless runner's.
/// </summary>
public sealed class JupyterKernelTests
{
    static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Notebooks", name);

    [Fact]
    public async Task Jupyter_client_and_nbclient_drive_the_kernel()
    {
        DebianPython.Require("jupyter_client", "python3-jupyter-client");
        DebianPython.Require("nbclient", "python3-nbclient");
        using var temp = new TempFolder();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var tool = Path.Combine(AppContext.BaseDirectory, "distill.dll");
        const string kernelName = "distill-csharp-test";
        KernelSpec.Install(temp.File("share/jupyter"), [dotnet, tool], kernelName);
        // Deterministic outputs are needed to compare two executions: the repository's 00-quickstart runs the study and prints timings.
        var quickstart = TestData("quickstart.ipynb");
        var executed = temp.File("quickstart-nbclient.ipynb");
        var kernelLog = temp.File("kernel.log");

        var (code, output, error) = DebianPython.Run(
            [TestData("kernel_client.py"), kernelName, quickstart, executed, kernelLog],
            TimeSpan.FromSeconds(150),
            new Dictionary<string, string>
            {
                ["JUPYTER_PATH"] = temp.File("share/jupyter"),
                ["JUPYTER_RUNTIME_DIR"] = temp.File("runtime"),
                ["JUPYTER_PLATFORM_DIRS"] = "1",
            });

        Assert.True(code == 0, $"kernel_client.py failed (exit {code}):\n{output}\n{error}\nkernel log:\n{(File.Exists(kernelLog) ? File.ReadAllText(kernelLog) : "none")}");
        Assert.Contains("ok shutdown: kernel exited by itself", output);

        // The same notebook through the headless runner gives the same outputs (chart ids aside).
        var runner = await NotebookRunner.RunAsync(quickstart, new NotebookRunOptions(temp.File("runner"), WriteHtml: false));
        Assert.True(runner.Succeeded, runner.Error?.Describe("00-quickstart.ipynb"));
        DebianPython.AssertValidNotebook(executed);
        var viaKernel = NotebookFile.Read(executed).Cells.Where(c => c.IsCode).ToList();
        var viaRunner = NotebookFile.Read(runner.OutputPath).Cells.Where(c => c.IsCode).ToList();
        Assert.Equal(viaRunner.Count, viaKernel.Count);
        for (var i = 0; i < viaRunner.Count; i++)
            Assert.Equal(Describe(viaRunner[i].Outputs), Describe(viaKernel[i].Outputs));
    }

    /// <summary>Output kinds, stream texts, plain-text values and MIME types: what must agree between the two paths.</summary>
    static List<string> Describe(IEnumerable<CellOutput> outputs) => outputs.Select(o => o switch
    {
        StreamOutput s => $"stream {s.Name}: {s.Text}",
        ExecuteResultOutput r => $"result: {r.Data["text/plain"]}",
        DisplayDataOutput d => $"display: {string.Join(",", d.Data.Keys.Order(StringComparer.Ordinal))}" +
                               (d.Data.TryGetValue("text/html", out var html) && html.StartsWith("<table", StringComparison.Ordinal) ? " " + html : ""),
        ErrorOutput e => $"error {e.EName}: {e.EValue}",
        _ => o.GetType().Name,
    }).ToList();
}
