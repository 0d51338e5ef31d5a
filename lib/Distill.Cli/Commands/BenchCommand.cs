using System.CommandLine;
using Distill.Runtime;
using Distill.Students;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>`distill bench`: prints performance figures for this machine (never a timed test).</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto", DefaultValueFactory = _ => "auto" };
        var repeats = new Option<int>("--repeats") { Description = "timed calls per shape", DefaultValueFactory = _ => 20 };
        var students = new Option<string>("--students") { Description = "student shapes to time: all, base, small or none", DefaultValueFactory = _ => "all" };
        students.AcceptOnlyFromAmong("all", "base", "small", "none");
        var command = new Command("bench", "Print matrix-product throughput (GFLOP/s), which MKL path is active, and student encoder figures.");
        command.Options.Add(device);
        command.Options.Add(repeats);
        command.Subcommands.Add(SearchBenchCommand.Create());
        command.Subcommands.Add(EmbeddingBenchCommand.Create());
        command.Options.Add(students);
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
            WriteStudentFigures(parse.GetValue(students)!, dev);
            return 0;
        });
        return command;
    }

    // Student part (issue 7): per-note latency, encoder GFLOP/s against a same-process matmul, training tokens/s, peak memory.
    static void WriteStudentFigures(string which, TorchSharp.torch.Device device)
    {
        if (which == "none") return;
        var shapes = new List<(string, Distill.Students.Modeling.BertConfig)>();
        if (which is "all" or "base") shapes.Add(("BERT-base (12 x 768)", StudentBenchmark.BertBase));
        if (which is "all" or "small") shapes.Add(("small default (4 x 256)", StudentBenchmark.Small));
        var table = new Table().AddColumns("student (random weights)", "512-token note ms", "encoder GFLOP/s", "matmul GFLOP/s", "encoder / matmul", "train tokens/s", "peak RSS MB");
        foreach (var (name, config) in shapes)
        {
            var r = StudentBenchmark.Run(name, config, device);
            table.AddRow(Markup.Escape(name), $"{r.NoteLatencySeconds * 1000:F0}", $"{r.EncoderGflopPerSecond:F1}", $"{r.MatmulGflopPerSecond:F1}",
                $"{r.EfficiencyVsMatmul:F2}", $"{r.TrainTokensPerSecond:F0}", $"{r.PeakResidentBytes / 1e6:F0}");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("matmul: 512 x 768 x 3072 float32 in this process; training: batch 8 x 128 pieces, forward + backward + AdamW step; target encoder / matmul >= 0.8.");
    }
}
