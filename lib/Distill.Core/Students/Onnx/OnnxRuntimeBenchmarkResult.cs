using Distill.Students.Modeling;

namespace Distill.Students.Onnx;

/// <summary>The table of <see cref="OnnxRuntimeBenchmark.Run"/>; backends in column order.</summary>
public sealed record OnnxRuntimeBenchmarkResult(BertConfig Config, IReadOnlyList<string> Backends, IReadOnlyList<OnnxRuntimeBenchmarkRow> Rows,
    int Threads, int Repeats, int QuantizedMatMuls);
