namespace Distill.Students.Onnx;

/// <summary>
/// One input shape of <see cref="OnnxRuntimeBenchmark"/>: median wall-clock and median process-CPU milliseconds per
/// call, by backend name. On a busy shared machine the CPU figures are the steadier measure of each backend's work.
/// </summary>
public sealed record OnnxRuntimeBenchmarkRow(int BatchSize, int Length, IReadOnlyDictionary<string, double> Milliseconds,
    IReadOnlyDictionary<string, double> CpuMilliseconds)
{
    /// <summary>How many times faster <paramref name="fast"/> ran than <paramref name="slow"/> on this shape (wall clock).</summary>
    public double Speedup(string slow, string fast) => Milliseconds[slow] / Milliseconds[fast];

    /// <summary>The same ratio of CPU time.</summary>
    public double CpuSpeedup(string slow, string fast) => CpuMilliseconds[slow] / CpuMilliseconds[fast];

    /// <summary>Inputs (notes) per second of wall clock at this batch size.</summary>
    public double NotesPerSecond(string backend) => BatchSize * 1000 / Milliseconds[backend];
}
