using System.CommandLine;
using Distill.Runtime;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>`distill env`: what the tensor runtime is and which CPU path MKL takes.</summary>
public static class EnvCommand
{
    public static Command Create()
    {
        var command = new Command("env", "Describe the tensor runtime: TorchSharp version, device, threads, MKL code path.");
        command.SetAction(_ =>
        {
            var info = TorchRuntime.Describe();
            var table = new Table().AddColumns("setting", "value");
            table.AddRow("TorchSharp", info.TorchSharpVersion);
            table.AddRow("backend", info.Backend);
            table.AddRow("CUDA", info.CudaAvailable ? "available" : "not available");
            table.AddRow("threads", info.Threads.ToString());
            table.AddRow("CPU", $"{TorchRuntime.CpuModel()} ({info.CpuVendor})");
            table.AddRow("MKL path", Markup.Escape(info.MklPath));
            table.AddRow("native libraries", Markup.Escape(info.NativeDirectory ?? "not found"));
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
