using System.Diagnostics;
using Distill.Runtime;
using Distill.Students.Modeling;
using Google.Protobuf;
using static TorchSharp.torch;

namespace Distill.Students.Onnx;

/// <summary>
/// TorchSharp against ONNX Runtime fp32 and int8 on the same random weights in the same process (issue 16):
/// each repeat calls every backend once per shape, in an order that rotates between repeats, so a machine
/// that gets busier slows all of them alike; the figures are medians of wall-clock and of process CPU time (ORT's
/// worker threads do not spin here, so its CPU time is work, as TorchSharp's is). A benchmark to print, never a timed test.
/// </summary>
public static class OnnxRuntimeBenchmark
{
    public const string Torch = "TorchSharp";
    public const string OrtFloat = "ORT fp32";

    /// <summary>The name of an int8 column.</summary>
    public static string OrtInt8(QuantizedMatMulForm form) => form == QuantizedMatMulForm.MatMulInteger ? "ORT int8" : "ORT int8 (DynamicQuantizeMatMul)";

    /// <summary>all-MiniLM-L6-v2's shape (6 layers, 384 hidden, 12 heads, 1536 intermediate, 30522 word pieces), four labels.</summary>
    public static BertConfig MiniLm { get; } = new BertConfig
    {
        VocabSize = 30522, HiddenSize = 384, NumHiddenLayers = 6, NumAttentionHeads = 12, IntermediateSize = 1536,
    }.WithLabels(["O", "disease", "medication", "symptom"]);

    /// <param name="config">Model shape; weights are random (HF initialisation, seed 0).</param>
    /// <param name="shapes">(batch, length) inputs, unpadded.</param>
    /// <param name="int8Forms">The int8 graphs to time beside fp32 (each its own column).</param>
    /// <param name="threads">Threads for both runtimes; 0 keeps TorchSharp's count and gives ORT the same.</param>
    public static OnnxRuntimeBenchmarkResult Run(BertConfig config, IReadOnlyList<(int Batch, int Length)> shapes, int repeats = 10,
        IReadOnlyList<QuantizedMatMulForm>? int8Forms = null, DynamicQuantizationOptions? quantization = null, int threads = 0,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        if (threads > 0) set_num_threads(threads);
        threads = get_num_threads();
        manual_seed(0);
        using var model = new BertForTokenClassification(config);
        model.eval();
        var graph = BertOnnxGraph.Build(model);
        var backends = new List<(string Name, Func<long[], long[], int, int, float[]> Run, IDisposable? Owner)>
        {
            (Torch, (ids, _, b, t) => TorchLogits(model, ids, b, t), null),
        };
        var options = new OnnxRuntimeOptions { Threads = threads };
        var fp32 = OnnxStudentSession.Open(graph.ToByteArray(), "benchmark fp32", options);
        backends.Add((OrtFloat, (ids, mask, b, t) => fp32.Run(ids, mask, null, b, t), fp32));
        var quantizedMatMuls = 0;
        foreach (var form in int8Forms ?? [QuantizedMatMulForm.MatMulInteger])
        {
            var quantized = OnnxDynamicQuantizer.Quantize(graph, (quantization ?? new()) with { Form = form });
            quantizedMatMuls = StudentOnnxExporter.CountQuantizedMatMuls(quantized);
            var session = OnnxStudentSession.Open(quantized.ToByteArray(), $"benchmark int8 {form}", options);
            backends.Add((OrtInt8(form), (ids, mask, b, t) => session.Run(ids, mask, null, b, t), session));
        }
        try
        {
            var random = new Random(0);
            var inputs = shapes.Select(s =>
            {
                var ids = Enumerable.Range(0, s.Batch * s.Length).Select(_ => (long)random.Next(1, config.VocabSize)).ToArray();
                return (s.Batch, s.Length, Ids: ids, Mask: Enumerable.Repeat(1L, ids.Length).ToArray());
            }).ToArray();
            // Warm-up: the first calls of a shape allocate (libtorch's caching, ORT's memory patterns).
            foreach (var x in inputs)
                foreach (var backend in backends)
                    for (var w = 0; w < 2; w++) backend.Run(x.Ids, x.Mask, x.Batch, x.Length);
            var times = inputs.Select(_ => backends.Select(_ => new List<double>()).ToArray()).ToArray();
            var cpuTimes = inputs.Select(_ => backends.Select(_ => new List<double>()).ToArray()).ToArray();
            for (var r = 0; r < repeats; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var s = 0; s < inputs.Length; s++)
                    for (var k = 0; k < backends.Count; k++)
                    {
                        var i = (k + r) % backends.Count; // rotate who goes first
                        var x = inputs[s];
                        var cpu = CpuClock.ProcessSeconds();
                        var watch = Stopwatch.StartNew();
                        backends[i].Run(x.Ids, x.Mask, x.Batch, x.Length);
                        times[s][i].Add(watch.Elapsed.TotalMilliseconds);
                        cpuTimes[s][i].Add((CpuClock.ProcessSeconds() - cpu) * 1000);
                    }
                progress?.Report($"repeat {r + 1}/{repeats}");
            }
            var rows = inputs.Select((x, s) => new OnnxRuntimeBenchmarkRow(x.Batch, x.Length,
                backends.Select((b, i) => (b.Name, Median: Median(times[s][i]))).ToDictionary(p => p.Name, p => p.Median),
                backends.Select((b, i) => (b.Name, Median: Median(cpuTimes[s][i]))).ToDictionary(p => p.Name, p => p.Median))).ToArray();
            return new OnnxRuntimeBenchmarkResult(config, backends.Select(b => b.Name).ToArray(), rows, threads, repeats, quantizedMatMuls);
        }
        finally
        {
            foreach (var b in backends) b.Owner?.Dispose();
        }
    }

    // Unpadded input: no mask, which is TorchSharp's fastest attention path; inference mode, as TorchStudentBackend.
    static float[] TorchLogits(BertForTokenClassification model, long[] ids, int batch, int length)
    {
        using var inference = inference_mode();
        using var scope = NewDisposeScope();
        return model.forward(tensor(ids, [batch, length]), null, null).contiguous().data<float>().ToArray();
    }

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
