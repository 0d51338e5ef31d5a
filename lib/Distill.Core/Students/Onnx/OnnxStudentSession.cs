using Microsoft.ML.OnnxRuntime;

namespace Distill.Students.Onnx;

/// <summary>
/// An ONNX Runtime session over a token-classifier graph (<see cref="BertOnnxGraph"/> or any graph with its
/// inputs and <c>logits</c> output, such as Optimum's export), with all of ORT's graph optimisations on
/// (<c>ORT_ENABLE_ALL</c>: LayerNorm, GELU, attention and MatMul + bias fusions) and, on request, the CUDA
/// execution provider.
/// </summary>
internal sealed class OnnxStudentSession : IDisposable
{
    const string CudaProvider = "CUDAExecutionProvider";

    readonly InferenceSession session;
    readonly string[] inputNames;

    OnnxStudentSession(InferenceSession session, string device, string source)
    {
        this.session = session;
        Device = device;
        Source = source;
        inputNames = session.InputMetadata.Keys.ToArray();
        foreach (var name in inputNames)
            if (name is not (BertOnnxGraph.InputIds or BertOnnxGraph.AttentionMask or BertOnnxGraph.TokenTypeIds))
                throw new InvalidDataException($"{source}: the graph's input '{name}' is not one of input_ids, attention_mask, token_type_ids.");
        if (!inputNames.Contains(BertOnnxGraph.InputIds))
            throw new InvalidDataException($"{source}: the graph has no 'input_ids' input.");
        if (!session.OutputMetadata.TryGetValue(BertOnnxGraph.Logits, out var logits))
            throw new InvalidDataException($"{source}: the graph has no 'logits' output (it has {string.Join(", ", session.OutputMetadata.Keys)}).");
        var dims = logits.Dimensions;
        LabelCount = dims.Length == 3 && dims[2] > 0 ? dims[2] : throw new InvalidDataException($"{source}: 'logits' should be (batch, sequence, labels) with a fixed label count.");
    }

    /// <summary>Where the graph came from (a path, or a description of an in-memory graph).</summary>
    public string Source { get; }

    /// <summary>"cpu" or "cuda:N": where ORT runs the graph.</summary>
    public string Device { get; }

    public int LabelCount { get; }

    /// <summary>Opens a graph file (model.onnx).</summary>
    public static OnnxStudentSession Open(string path, OnnxRuntimeOptions? options = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"ONNX graph '{path}' does not exist.", path);
        return Create(o => new InferenceSession(path, o), path, options ?? new());
    }

    /// <summary>Opens a serialised graph held in memory.</summary>
    public static OnnxStudentSession Open(byte[] model, string description, OnnxRuntimeOptions? options = null) =>
        Create(o => new InferenceSession(model, o), description, options ?? new());

    /// <summary>Whether this build's ONNX Runtime has the CUDA execution provider (the Gpu.Linux package does, the CPU one does not).</summary>
    public static bool HasCudaProvider() => OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider);

    static OnnxStudentSession Create(Func<SessionOptions, InferenceSession> open, string source, OnnxRuntimeOptions options)
    {
        options.Validate();
        var device = options.Device.Trim().ToLowerInvariant();
        if (device == "auto")
        {
            if (HasCudaProvider())
                try
                {
                    return Create(open, source, options with { Device = "cuda" });
                }
                catch (ArgumentException)
                {
                    // No GPU or no CUDA libraries on this machine: auto means "CUDA if it works", so CPU it is.
                }
            return Create(open, source, options with { Device = "cpu" });
        }
        var cudaIndex = ParseDevice(device, options.Device);
        if (cudaIndex is not null && !HasCudaProvider())
            throw new ArgumentException(
                $"Device '{options.Device}' was asked for with an ONNX backend, but this build's ONNX Runtime has no CUDA execution provider " +
                $"(it has {string.Join(", ", OrtEnv.Instance().GetAvailableProviders())}). Build with -p:OnnxRuntimeBackend=cuda " +
                "(Microsoft.ML.OnnxRuntime.Gpu.Linux 1.31.0, which loads the CUDA 13 and cuDNN libraries) on a machine with an NVIDIA GPU, or use --device cpu.");
        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = options.Threads,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        if (!options.AllowSpinning) sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        if (options.OptimizedModelPath is not null) sessionOptions.OptimizedModelFilePath = options.OptimizedModelPath;
        try
        {
            if (cudaIndex is not null) sessionOptions.AppendExecutionProvider_CUDA(cudaIndex.Value);
            return new OnnxStudentSession(open(sessionOptions), cudaIndex is null ? "cpu" : $"cuda:{cudaIndex}", source);
        }
        catch (OnnxRuntimeException e) when (cudaIndex is not null)
        {
            throw new ArgumentException($"ONNX Runtime's CUDA execution provider did not start on {options.Device}: {FirstLine(e.Message)} " +
                "(it needs an NVIDIA GPU and the CUDA 13 and cuDNN libraries on the library path; ORT's log above names the missing one), or use --device cpu.", e);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{source}: ONNX Runtime cannot load this graph: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>null for the CPU, the GPU index for cuda / cuda:N.</summary>
    static int? ParseDevice(string device, string original)
    {
        if (device == "cpu") return null;
        if (device == "cuda") return 0;
        if (device.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(device.AsSpan(5), out var index) && index >= 0) return index;
        throw new ArgumentException($"Device '{original}' is not a device name; expected cpu, cuda, cuda:N or auto.");
    }

    static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>
    /// Logits for a padded batch: row-major (B, T) <paramref name="inputIds"/>, <paramref name="attentionMask"/>
    /// (1 = token, 0 = padding) and optional <paramref name="tokenTypeIds"/> (zeros when null) ->
    /// row-major (B, T, labels). Only the inputs the graph declares are fed.
    /// </summary>
    public float[] Run(long[] inputIds, long[] attentionMask, long[]? tokenTypeIds, int batchSize, int length)
    {
        var count = (long)batchSize * length;
        if (inputIds.Length != count || attentionMask.Length != count || (tokenTypeIds is not null && tokenTypeIds.Length != count))
            throw new ArgumentException($"Inputs must hold batch x length = {count} ids each.");
        long[] shape = [batchSize, length];
        var values = new List<OrtValue>(inputNames.Length);
        try
        {
            foreach (var name in inputNames)
                values.Add(OrtValue.CreateTensorValueFromMemory(name switch
                {
                    BertOnnxGraph.InputIds => inputIds,
                    BertOnnxGraph.AttentionMask => attentionMask,
                    _ => tokenTypeIds ?? new long[count],
                }, shape));
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, inputNames, values, [BertOnnxGraph.Logits]);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
    }

    public void Dispose() => session.Dispose();
}
