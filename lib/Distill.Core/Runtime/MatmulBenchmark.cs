using System.Diagnostics;
using static TorchSharp.torch;

namespace Distill.Runtime;

/// <summary>Result of timing one matrix product shape.</summary>
public sealed record MatmulTiming(int M, int K, int N, int Repeats, double SecondsPerCall, double GflopPerSecond);

/// <summary>
/// Times a plain float32 matrix product. It is the yardstick for the encoder benchmark: the
/// encoder's achieved GFLOP/s is reported as a fraction of this, measured in the same process.
/// </summary>
public static class MatmulBenchmark
{
    /// <summary>Times (M x K) @ (K x N) on <paramref name="device"/> after <paramref name="warmup"/> untimed calls.</summary>
    public static MatmulTiming Run(int m, int k, int n, int repeats = 30, int warmup = 3, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        using var scope = NewDisposeScope();
        var a = randn(m, k, device: device);
        var b = randn(k, n, device: device);
        for (var i = 0; i < warmup; i++) matmul(a, b).Dispose();
        Synchronize(device);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < repeats; i++) matmul(a, b).Dispose();
        Synchronize(device);
        var seconds = watch.Elapsed.TotalSeconds / repeats;
        return new MatmulTiming(m, k, n, repeats, seconds, 2.0 * m * k * n / seconds / 1e9);
    }

    // CUDA kernels are asynchronous: without a sync the timer would measure launches, not work.
    static void Synchronize(Device? device)
    {
        if (device is not null && device.type == TorchSharp.DeviceType.CUDA) cuda.synchronize();
    }
}
