using System.CommandLine;
using Distill.Runtime;
using Distill.Students;
using Distill.Students.Onnx;
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
        var vsOnnx = new Option<bool>("--vs-onnxruntime") { Description = "only the side-by-side table: TorchSharp, ONNX Runtime fp32 and int8 on the MiniLM shape (issue 16)" };
        var int8Form = new Option<string>("--int8-form") { Description = "int8 graphs to time: matmulinteger (quantize_dynamic's form), dynamicquantizematmul (ORT contrib op) or both", DefaultValueFactory = _ => "matmulinteger" };
        int8Form.AcceptOnlyFromAmong("matmulinteger", "dynamicquantizematmul", "both");
        var fullRange = new Option<bool>("--full-range") { Description = "8-bit int8 weights (quantize_dynamic's reduce_range=False); default 7-bit" };
        var threads = new Option<int>("--threads") { Description = "threads for both runtimes (0: TorchSharp's default, and the same for ORT)", DefaultValueFactory = _ => 0 };
        var command = new Command("bench", "Print matrix-product throughput (GFLOP/s), which MKL path is active, and student encoder figures.");
        command.Options.Add(device);
        command.Options.Add(repeats);
        command.Subcommands.Add(SearchBenchCommand.Create());
        command.Subcommands.Add(EmbeddingBenchCommand.Create());
        command.Options.Add(students);
        foreach (var o in new Option[] { vsOnnx, int8Form, fullRange, threads }) command.Options.Add(o);
        command.SetGuardedAction(parse =>
        {
            if (parse.GetValue(vsOnnx))
            {
                var forms = parse.GetValue(int8Form) switch
                {
                    "both" => new[] { QuantizedMatMulForm.MatMulInteger, QuantizedMatMulForm.DynamicQuantizeMatMul },
                    "dynamicquantizematmul" => [QuantizedMatMulForm.DynamicQuantizeMatMul],
                    _ => [QuantizedMatMulForm.MatMulInteger],
                };
                WriteOnnxRuntimeComparison(parse.GetValue(repeats), forms, new DynamicQuantizationOptions { ReduceRange = !parse.GetValue(fullRange) }, parse.GetValue(threads));
                return 0;
            }
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

    // Issue 16: same weights, same process, alternating calls; figures only, the targets are read off by a person.
    static void WriteOnnxRuntimeComparison(int repeats, IReadOnlyList<QuantizedMatMulForm> forms, DynamicQuantizationOptions quantization, int threads)
    {
        AnsiConsole.MarkupLine($"[bold]CPU[/]: {Markup.Escape(TorchRuntime.CpuModel())}; int8 instructions: {Markup.Escape(CpuFeatures.Int8DotProductSummary())}");
        var shapes = new[] { (1, 512), (8, 256), (8, 512) };
        var r = AnsiConsole.Status().Start("timing TorchSharp and ONNX Runtime (alternating calls)", ctx =>
            OnnxRuntimeBenchmark.Run(OnnxRuntimeBenchmark.MiniLm, shapes, repeats, forms, quantization, threads,
                new Progress<string>(p => ctx.Status($"timing TorchSharp and ONNX Runtime: {p}"))));
        string Shape(OnnxRuntimeBenchmarkRow row) => $"{row.BatchSize} x {row.Length}";
        var table = new Table().AddColumn("input (batch x pieces)");
        foreach (var b in r.Backends) table.AddColumn($"{b}: ms (CPU ms)");
        foreach (var row in r.Rows)
            table.AddRow([Shape(row), .. r.Backends.Select(b => $"{row.Milliseconds[b]:F1} ({row.CpuMilliseconds[b]:F1})")]);
        var batch8 = r.Rows.Last(x => x.BatchSize == 8);
        table.AddRow([Markup.Escape($"notes/s at batch 8 ({batch8.Length} pieces)"), .. r.Backends.Select(b => $"{batch8.NotesPerSecond(b):F2}")]);
        AnsiConsole.Write(table);
        var ratios = new Table().AddColumn("speed-up (wall / CPU)");
        foreach (var row in r.Rows) ratios.AddColumn(Shape(row));
        var pairs = new List<(string Slow, string Fast)> { (OnnxRuntimeBenchmark.Torch, OnnxRuntimeBenchmark.OrtFloat) };
        foreach (var b in r.Backends.Skip(2)) pairs.AddRange([(OnnxRuntimeBenchmark.OrtFloat, b), (OnnxRuntimeBenchmark.Torch, b)]);
        foreach (var (slow, fast) in pairs)
            ratios.AddRow([Markup.Escape($"{fast} vs {slow}"), .. r.Rows.Select(row => $"{row.Speedup(slow, fast):F2}x / {row.CpuSpeedup(slow, fast):F2}x")]);
        AnsiConsole.Write(ratios);
        AnsiConsole.MarkupLine(Markup.Escape($"MiniLM shape ({r.Config.NumHiddenLayers} layers, {r.Config.HiddenSize} hidden, {r.Config.NumAttentionHeads} heads, " +
            $"{r.Config.IntermediateSize} intermediate, vocab {r.Config.VocabSize}), random weights; median of {r.Repeats} alternating calls each, " +
            $"{r.Threads} threads for both runtimes (ORT's do not spin), ORT_ENABLE_ALL; CPU ms = process CPU time per call; int8: {r.QuantizedMatMuls} MatMuls quantized " +
            $"({(quantization.PerChannel ? "per channel" : "per tensor")}, {quantization.WeightType}{(quantization.ReduceRange ? ", 7-bit" : "")}). " +
            $"Load average at the end: {LoadAverage()}. Targets (issue 16): ORT fp32 / int8 >= 2.0x at 1 x 512 and 8 x 256."));
    }

    static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

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
