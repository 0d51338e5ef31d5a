using static TorchSharp.torch;

namespace Distill.Students.Checkpoints;

/// <summary>
/// Tensors read from a checkpoint file, by name, with the dtype they were stored in. Floating
/// tensors are converted to float32 (the dtype the model computes in); integer ones stay int64.
/// Owns its tensors: dispose it once they are copied into a model.
/// </summary>
public sealed class CheckpointTensors : IDisposable
{
    readonly Dictionary<string, Tensor> tensors = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> storedDTypes = new(StringComparer.Ordinal);

    public CheckpointTensors(string source) => Source = source;

    /// <summary>The file the tensors came from, for error messages.</summary>
    public string Source { get; }

    public IReadOnlyDictionary<string, Tensor> Tensors => tensors;

    /// <summary>Stored dtype per name, in safetensors spelling (F32, F16, BF16, I64, ...).</summary>
    public IReadOnlyDictionary<string, string> StoredDTypes => storedDTypes;

    internal void Add(string name, Tensor tensor, string storedDType)
    {
        if (!tensors.TryAdd(name, tensor))
            throw new InvalidDataException($"{Source}: tensor '{name}' occurs twice.");
        storedDTypes[name] = storedDType;
    }

    /// <summary>Whether the stored dtype is one a weight can be loaded from.</summary>
    public static bool IsFloating(string dtype) => dtype is "F32" or "F16" or "BF16" or "F64";

    public void Dispose()
    {
        foreach (var t in tensors.Values) t.Dispose();
        tensors.Clear();
    }
}
