using System.CommandLine;
using Distill.Runtime;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>`distill bench`: prints performance figures for this machine (never a timed test).</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto", DefaultValueFactory = _ => "auto" };
        var repeats = new Option<int>("--repeats") { Description = "timed calls per shape", DefaultValueFactory = _ => 20 };
        var command = new Command("bench", "Print matrix-product throughput (GFLOP/s) and which MKL path is active.");
        command.Options.Add(device);
        command.Options.Add(repeats);
        command.Subcommands.Add(SearchBenchCommand.Create());
        command.SetAction(parse =>
        {
            var info = TorchRuntime.Describe();
            var dev = TorchRuntime.ResolveDevice(parse.GetValue(device));
            AnsiConsole.MarkupLine($"[bold]Runtime[/]: {Markup.Escape(info.ToString())}");
            AnsiConsole.MarkupLine($"[bold]CPU[/]: {Markup.Escape(TorchRuntime.CpuModel())}, device {dev}");
            var table = new Table().AddColumns("shape (M x K x N)", "ms / call", "GFLOP/s");
            // BERT-base shapes for one 512-token note: attention projections and the feed-forward layer.
            foreach (var (m, k, n) in new[] { (512, 768, 768), (512, 768, 3072), (512, 3072, 768) })
            {
                var t = MatmulBenchmark.Run(m, k, n, parse.GetValue(repeats), device: dev);
                table.AddRow($"{m} x {k} x {n}", $"{t.SecondsPerCall * 1000:F2}", $"{t.GflopPerSecond:F1}");
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
