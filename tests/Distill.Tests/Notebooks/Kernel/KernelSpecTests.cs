using System.Text.Json.Nodes;
using Distill.Notebooks.Kernel;

namespace Distill.Tests.Notebooks.Kernel;

public sealed class KernelSpecTests
{
    [Fact]
    public void Install_writes_a_kernel_json_jupyter_can_start()
    {
        using var temp = new TempFolder();

        var folder = KernelSpec.Install(KernelSpec.DataDirectory(temp.Path), ["/opt/tools/distill"]);

        Assert.Equal(Path.Combine(temp.Path, "share", "jupyter", "kernels", "distill-csharp"), folder);
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kernel.json")))!;
        Assert.Equal("""["/opt/tools/distill","kernel","run","{connection_file}"]""", spec["argv"]!.ToJsonString());
        Assert.Equal("C# (distill)", spec["display_name"]!.GetValue<string>());
        Assert.Equal("csharp", spec["language"]!.GetValue<string>());
        Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
    }

    [Fact]
    public void Connection_file_errors_name_the_file()
    {
        using var temp = new TempFolder();
        var path = temp.File("kernel-1.json");
        File.WriteAllText(path, """{"ip": "127.0.0.1", "transport": "tcp", "key": "k", "signature_scheme": "hmac-md5", "shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5}""");

        var e = Assert.Throws<InvalidDataException>(() => KernelConnection.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("hmac-md5", e.Message);
    }
}
