namespace Distill.Students.Onnx;

/// <summary>How an <see cref="OnnxStudentSession"/> runs.</summary>
public sealed record OnnxRuntimeOptions
{
    /// <summary>"cpu", "cuda", "cuda:N" (ORT's CUDA execution provider) or "auto" (CUDA when this build has it and it starts, else CPU).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Intra-op threads; 0 lets ONNX Runtime choose (one per physical core).</summary>
    public int Threads { get; init; }

    /// <summary>
    /// Whether idle ORT worker threads spin waiting for work (ORT's default, lowest latency). Off, they sleep:
    /// kinder to a shared 2-core machine and to TorchSharp calls alternating in the same process.
    /// </summary>
    public bool AllowSpinning { get; init; } = true;

    /// <summary>Where ORT writes the graph it runs after its optimisations (fusions), for inspection; null writes nothing.</summary>
    public string? OptimizedModelPath { get; init; }

    public OnnxRuntimeOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Threads);
        return this;
    }
}
