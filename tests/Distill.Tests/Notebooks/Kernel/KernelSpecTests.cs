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

    const string Ports = "\"shell_port\": 1, \"iopub_port\": 2, \"stdin_port\": 3, \"control_port\": 4, \"hb_port\": 5";

    [Theory]
    [InlineData("127.0.0.1", "", "empty 'key'")]
    [InlineData("0.0.0.0", "k", "'ip' 0.0.0.0")]
    [InlineData("0.0.0.0", "", "empty 'key'")]
    [InlineData("192.168.1.20", "k", "'ip' 192.168.1.20")]
    public void An_unsigned_or_network_wide_connection_is_refused_unless_insecure(string ip, string key, string expected)
    {
        using var temp = new TempFolder();
        var path = temp.File("kernel-2.json");
        File.WriteAllText(path, $$"""{"ip": "{{ip}}", "transport": "tcp", "key": "{{key}}", "signature_scheme": "hmac-sha256", {{Ports}}}""");

        var e = Assert.Throws<InvalidDataException>(() => KernelConnection.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Contains("--insecure", e.Message);
        Assert.Equal(ip, KernelConnection.Read(path, allowInsecure: true).Ip);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("::1")]
    public void A_signed_loopback_connection_is_accepted(string ip)
    {
        using var temp = new TempFolder();
        var path = temp.File("kernel-3.json");
        File.WriteAllText(path, $$"""{"ip": "{{ip}}", "transport": "tcp", "key": "k", "signature_scheme": "hmac-sha256", {{Ports}}}""");

        Assert.Equal(ip, KernelConnection.Read(path).Ip);
    }
}
