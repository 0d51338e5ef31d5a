namespace Distill.Students.Onnx;

/// <summary>One input shape of <see cref="OnnxRuntimeBenchmark"/>: median milliseconds per call, by backend name.</summary>
public sealed record OnnxRuntimeBenchmarkRow(int BatchSize, int Length, IReadOnlyDictionary<string, double> Milliseconds)
{
    /// <summary>How many times faster <paramref name="fast"/> ran than <paramref name="slow"/> on this shape.</summary>
    public double Speedup(string slow, string fast) => Milliseconds[slow] / Milliseconds[fast];

    public double NotesPerSecond(string backend) => BatchSize * 1000 / Milliseconds[backend];
}
