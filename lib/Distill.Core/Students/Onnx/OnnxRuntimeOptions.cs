namespace Distill.Students.Onnx;

/// <summary>How an <see cref="OnnxStudentSession"/> runs.</summary>
internal sealed record OnnxRuntimeOptions
{
    /// <summary>"cpu", "cuda", "cuda:N" (ORT's CUDA execution provider) or "auto" (CUDA when this build has it and it starts, else CPU).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Intra-op threads; 0 lets ONNX Runtime choose (one per physical core).</summary>
    public int Threads { get; init; }

    /// <summary>
    /// Whether idle ORT worker threads spin waiting for work (ORT's own default, for the lowest latency on an idle
    /// machine). Off here by default: they sleep, which costs a wake-up per operator but leaves the cores to the
    /// threads doing work; on a shared machine and beside TorchSharp in the same process that matters more.
    /// </summary>
    public bool AllowSpinning { get; init; }

    /// <summary>Where ORT writes the graph it runs after its optimisations (fusions), for inspection; null writes nothing.</summary>
    public string? OptimizedModelPath { get; init; }

    public OnnxRuntimeOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Threads);
        return this;
    }
}
