using System.CommandLine;
using Distill.Cli.Commands;

namespace Distill.Tests.Cli;

/// <summary>`distill kernel run` refuses an unsigned or network-wide connection file unless --insecure (issue 15).</summary>
public sealed class KernelCommandTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-kernelcmd-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task An_empty_key_on_every_interface_exits_2_before_binding_anything()
    {
        var path = Path.Combine(dir, "kernel.json");
        File.WriteAllText(path, """{"ip": "0.0.0.0", "transport": "tcp", "key": "", "signature_scheme": "hmac-sha256", "shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5}""");
        var error = new StringWriter();
        var stderr = Console.Error;
        Console.SetError(error);
        try
        {
            var root = new RootCommand { KernelCommand.Create() };
            Assert.Equal(2, await root.Parse(["kernel", "run", path]).InvokeAsync());
        }
        finally
        {
            Console.SetError(stderr);
        }
        Assert.Contains("empty 'key'", error.ToString());
        Assert.Contains("--insecure", error.ToString());
    }
}
