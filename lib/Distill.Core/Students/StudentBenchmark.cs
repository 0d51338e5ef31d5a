using System.Diagnostics;
using Distill.Runtime;
using Distill.Students.Modeling;
using static TorchSharp.torch;

namespace Distill.Students;

/// <summary>Figures for one student shape on this machine.</summary>
/// <param name="Name">Shape name (e.g. "BERT-base").</param>
/// <param name="Config">The architecture timed.</param>
/// <param name="NoteLatencySeconds">Median inference time for one 512-token note (batch 1, eval, no grad).</param>
/// <param name="EncoderGflopPerSecond">Encoder forward FLOPs / that time.</param>
/// <param name="MatmulGflopPerSecond">A plain 512x768x3072 matmul measured in the same process.</param>
/// <param name="TrainTokensPerSecond">Forward + backward + AdamW step, batch 8 x 128 pieces.</param>
/// <param name="PeakResidentBytes">Process peak resident memory after this shape ran.</param>
public sealed record StudentBenchmarkResult(string Name, BertConfig Config, double NoteLatencySeconds, double EncoderGflopPerSecond,
    double MatmulGflopPerSecond, double TrainTokensPerSecond, long PeakResidentBytes)
{
    /// <summary>Encoder efficiency relative to the plain matmul (issue 7 target: at least 0.8).</summary>
    public double EfficiencyVsMatmul => EncoderGflopPerSecond / MatmulGflopPerSecond;
}

/// <summary>
/// Times the student encoder with random weights: inference latency per 512-token note, achieved
/// GFLOP/s against a same-process matmul of the encoder's own shape, training tokens/s, peak memory.
/// A benchmark to print, never a timed test.
/// </summary>
public static class StudentBenchmark
{
    public static BertConfig BertBase { get; } = new BertConfig().WithLabels(["O", "disease", "medication", "symptom"]);

    public static BertConfig Small { get; } = BertConfig.SmallDefault(8000).WithLabels(["O", "disease", "medication", "symptom"]);

    /// <summary>Matrix FLOPs of one encoder forward over <paramref name="tokens"/> tokens (projections, feed-forward, attention).</summary>
    public static double EncoderFlops(BertConfig c, int tokens)
    {
        double t = tokens, h = c.HiddenSize, i = c.IntermediateSize;
        var perLayer = 2 * t * (4 * h * h + 2 * h * i) + 2 * 2 * t * t * h;
        return c.NumHiddenLayers * perLayer;
    }

    public static StudentBenchmarkResult Run(string name, BertConfig config, Device device, int repeats = 5, int trainSteps = 3)
    {
        manual_seed(0);
        using var model = new BertForTokenClassification(config, device);
        // The yardstick is timed right before and right after the encoder and averaged, so a busy
        // machine slows both alike and the ratio stays meaningful.
        var matmulBefore = MatmulBenchmark.Run(512, 768, 3072, repeats: 10, device: device);

        double latency;
        model.eval();
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            var ids = randint(1, config.VocabSize, [1, 512], dtype: ScalarType.Int64, device: device);
            // Several untimed calls: the first forwards of a new shape are several times slower (allocator and kernel warm-up).
            for (var w = 0; w < 5; w++) model.forward(ids, null, null).Dispose();
            var times = new double[repeats];
            for (var r = 0; r < repeats; r++)
            {
                var watch = Stopwatch.StartNew();
                using var logits = model.forward(ids, null, null);
                _ = logits.sum().item<float>(); // waits for the device
                times[r] = watch.Elapsed.TotalSeconds;
            }
            latency = times.Order().ElementAt(repeats / 2);
        }
        var matmulAfter = MatmulBenchmark.Run(512, 768, 3072, repeats: 10, device: device);
        var matmulGflops = (matmulBefore.GflopPerSecond + matmulAfter.GflopPerSecond) / 2;

        model.train();
        using var optimizer = optim.AdamW(model.parameters(), 2e-5);
        double trainSeconds = 0;
        const int batch = 8, length = 128;
        for (var s = 0; s < trainSteps + 1; s++)
        {
            using var scope = NewDisposeScope();
            var ids = randint(1, config.VocabSize, [batch, length], dtype: ScalarType.Int64, device: device);
            var labels = randint(0, config.Id2Label.Count, [batch * length], dtype: ScalarType.Int64, device: device);
            var watch = Stopwatch.StartNew();
            var loss = nn.functional.cross_entropy(model.forward(ids, null, null).view(-1, config.Id2Label.Count), labels);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            _ = loss.item<float>();
            if (s > 0) trainSeconds += watch.Elapsed.TotalSeconds; // step 0 warms up (allocates optimiser state)
        }
        return new StudentBenchmarkResult(name, config, latency, EncoderFlops(config, 512) / latency / 1e9, matmulGflops,
            trainSteps * batch * length / trainSeconds, ProcessMemory.PeakResidentBytes());
    }
}
