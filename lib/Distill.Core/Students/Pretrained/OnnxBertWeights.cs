using Distill.Encoders;
using Distill.Students.Modeling;
using Onnx;

namespace Distill.Students.Pretrained;

/// <summary>
/// Recovers a Hugging Face BERT state dict and config from a BERT exported to ONNX by <c>torch.onnx.export</c>.
/// Named initializers already carry HF names (<c>embeddings.*</c>, every <c>*.bias</c>, every <c>LayerNorm</c>).
/// Each Linear weight was folded into an unnamed MatMul constant (<c>onnx::MatMul_927</c>, or just <c>927</c>)
/// holding its <b>transpose</b> (x · Wᵀ); it is named by the bias that the MatMul's consuming <c>Add</c> adds
/// (<c>encoder.layer.0.attention.self.query.bias</c> → <c>…query.weight = Wᵀᵀ</c>). <c>embeddings.position_ids</c>
/// is a buffer and is dropped. Every other tensor of rank ≥ 2 left unnamed is an error, never skipped.
/// </summary>
internal static class OnnxBertWeights
{
    /// <summary>A weight in HF naming (no <c>bert.</c> prefix, as a saved <c>BertModel</c>), shape and float32 values in row-major order.</summary>
    public sealed record NamedWeight(string Name, long[] Shape, float[] Values);

    /// <summary>Reads <paramref name="onnxPath"/> and returns its weights under HF names plus the config they imply.</summary>
    public static (BertConfig Config, IReadOnlyList<NamedWeight> Weights) Read(string onnxPath, PretrainedEncoder encoder)
    {
        ModelProto model;
        using (var stream = File.OpenRead(onnxPath))
        {
            try
            {
                model = ModelProto.Parser.ParseFrom(stream);
            }
            catch (Google.Protobuf.InvalidProtocolBufferException e)
            {
                throw new InvalidDataException($"{onnxPath}: not an ONNX model ({e.Message}).", e);
            }
        }
        var graph = model.Graph ?? throw new InvalidDataException($"{onnxPath}: the ONNX model has no graph.");
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var consumers = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
            foreach (var input in node.Input)
                (consumers.TryGetValue(input, out var list) ? list : consumers[input] = []).Add(node);

        var weights = new Dictionary<string, NamedWeight>(StringComparer.Ordinal);
        void Add(string name, long[] shape, float[] values, string source)
        {
            if (!weights.TryAdd(name, new NamedWeight(name, shape, values)))
                throw new InvalidDataException($"{onnxPath}: two tensors map to '{name}' (the second is '{source}').");
        }

        foreach (var (name, tensor) in initializers)
        {
            if (name == "embeddings.position_ids") continue; // a buffer (arange), not a weight
            if (name.StartsWith("embeddings.", StringComparison.Ordinal) || name.StartsWith("encoder.", StringComparison.Ordinal)
                || name.StartsWith("pooler.", StringComparison.Ordinal))
                Add(name, tensor.Dims.ToArray(), FloatValues(tensor, onnxPath), name);
        }

        foreach (var node in graph.Node.Where(n => n.OpType == "MatMul" && n.Input.Count == 2 && initializers.ContainsKey(n.Input[1])))
        {
            var constant = initializers[node.Input[1]];
            if (weights.ContainsKey(constant.Name)) continue; // already a named weight
            var add = consumers.GetValueOrDefault(node.Output[0])?.FirstOrDefault(c => c.OpType == "Add");
            var bias = add?.Input.FirstOrDefault(i => i != node.Output[0] && i.EndsWith(".bias", StringComparison.Ordinal) && initializers.ContainsKey(i))
                ?? throw new InvalidDataException($"{onnxPath}: MatMul '{node.Name}' multiplies by constant '{constant.Name}' but no Add of a named bias follows it, so its Linear layer is unknown.");
            if (constant.Dims.Count != 2)
                throw new InvalidDataException($"{onnxPath}: MatMul constant '{constant.Name}' has rank {constant.Dims.Count}; a Linear weight has rank 2.");
            var (rows, columns) = ((int)constant.Dims[0], (int)constant.Dims[1]); // (in, out): x · Wᵀ
            if (initializers[bias].Dims.Count != 1 || initializers[bias].Dims[0] != columns)
                throw new InvalidDataException($"{onnxPath}: '{constant.Name}' [{rows}, {columns}] does not fit its bias '{bias}' [{string.Join(", ", initializers[bias].Dims)}].");
            Add(bias[..^".bias".Length] + ".weight", [columns, rows], Transpose(FloatValues(constant, onnxPath), rows, columns), constant.Name);
        }

        var mapped = new HashSet<string>(weights.Keys, StringComparer.Ordinal);
        var matmulConstants = graph.Node.Where(n => n.OpType == "MatMul" && n.Input.Count == 2).Select(n => n.Input[1]).ToHashSet(StringComparer.Ordinal);
        var left = initializers.Values.Where(t => t.Dims.Count >= 2 && t.Name != "embeddings.position_ids" && !mapped.Contains(t.Name) && !matmulConstants.Contains(t.Name)).ToArray();
        if (left.Length > 0)
            throw new InvalidDataException($"{onnxPath}: {left.Length} weight tensors could not be named: {string.Join(", ", left.Take(5).Select(t => t.Name))}.");

        var config = InferConfig(weights, encoder, onnxPath);
        CheckGraphAgrees(graph, initializers, config, onnxPath);
        return (config, weights.Values.OrderBy(w => w.Name, StringComparer.Ordinal).ToArray());
    }

    /// <summary>Shapes give every size; heads, epsilon and activation come from the catalog entry and are checked against the graph.</summary>
    static BertConfig InferConfig(IReadOnlyDictionary<string, NamedWeight> weights, PretrainedEncoder encoder, string source)
    {
        NamedWeight Need(string name) => weights.TryGetValue(name, out var w) ? w
            : throw new InvalidDataException($"{source}: no '{name}' among the weights; is this a BERT?");
        var words = Need("embeddings.word_embeddings.weight");
        var layers = 0;
        while (weights.ContainsKey($"encoder.layer.{layers}.attention.self.query.weight")) layers++;
        var config = new BertConfig
        {
            VocabSize = (int)words.Shape[0],
            HiddenSize = (int)words.Shape[1],
            NumHiddenLayers = layers,
            NumAttentionHeads = encoder.NumAttentionHeads,
            IntermediateSize = (int)Need("encoder.layer.0.intermediate.dense.weight").Shape[0],
            MaxPositionEmbeddings = (int)Need("embeddings.position_embeddings.weight").Shape[0],
            TypeVocabSize = (int)Need("embeddings.token_type_embeddings.weight").Shape[0],
            LayerNormEps = encoder.LayerNormEps,
            HiddenAct = encoder.HiddenAct,
        };
        return config.Validate(source);
    }

    /// <summary>
    /// The catalog's heads and epsilon must appear in the graph: attention scores are divided by √(hidden/heads),
    /// and every LayerNorm adds epsilon to the variance. A mismatch means the catalog entry is wrong for this file.
    /// </summary>
    static void CheckGraphAgrees(GraphProto graph, IReadOnlyDictionary<string, TensorProto> initializers, BertConfig config, string source)
    {
        var scalars = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var node in graph.Node.Where(n => n.OpType == "Constant"))
            if (node.Attribute.FirstOrDefault(a => a.Name == "value")?.T is { } t && ScalarValue(t) is { } v)
                scalars[node.Output[0]] = v;
        foreach (var (name, t) in initializers)
            if (ScalarValue(t) is { } v) scalars[name] = v;
        double[] Operands(string op) => graph.Node.Where(n => n.OpType == op).SelectMany(n => n.Input).Where(scalars.ContainsKey).Select(i => scalars[i]).ToArray();

        var scale = Math.Sqrt((double)config.HiddenSize / config.NumAttentionHeads);
        if (!Operands("Div").Any(v => Math.Abs(v - scale) < 1e-3 * scale) && !Operands("Mul").Any(v => Math.Abs(v - 1 / scale) < 1e-3 / scale))
            throw new InvalidDataException($"{source}: no attention scale √{config.HiddenSize / config.NumAttentionHeads} in the graph, so it does not have {config.NumAttentionHeads} heads.");
        if (!Operands("Add").Any(v => Math.Abs(v - config.LayerNormEps) <= 1e-3 * config.LayerNormEps))
            throw new InvalidDataException($"{source}: no LayerNorm epsilon {config.LayerNormEps:G} in the graph.");
        if (config.HiddenAct == "gelu" && graph.Node.All(n => n.OpType != "Erf"))
            throw new InvalidDataException($"{source}: no Erf node, so the activation is not the exact GELU.");
    }

    static double? ScalarValue(TensorProto t)
    {
        if (t.Dims.Aggregate(1L, (a, d) => a * d) != 1 || t.DataType != (int)TensorProto.Types.DataType.Float) return null;
        if (t.FloatData.Count == 1) return t.FloatData[0];
        return t.RawData.Length == 4 ? BitConverter.ToSingle(t.RawData.Span) : null;
    }

    static float[] FloatValues(TensorProto tensor, string source)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
            throw new InvalidDataException($"{source}: tensor '{tensor.Name}' has ONNX data type {tensor.DataType}; only float32 (1) weights are imported.");
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
            throw new InvalidDataException($"{source}: tensor '{tensor.Name}' is stored in an external file; only self-contained graphs are imported.");
        var count = tensor.Dims.Aggregate(1L, (a, d) => a * d);
        float[] values;
        if (tensor.RawData.Length > 0)
        {
            if (tensor.RawData.Length != count * 4)
                throw new InvalidDataException($"{source}: tensor '{tensor.Name}' holds {tensor.RawData.Length} bytes, its shape needs {count * 4}.");
            values = new float[count];
            // ONNX raw_data is little-endian, like every platform .NET runs this on.
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).CopyTo(values);
        }
        else
        {
            if (tensor.FloatData.Count != count)
                throw new InvalidDataException($"{source}: tensor '{tensor.Name}' holds {tensor.FloatData.Count} values, its shape needs {count}.");
            values = tensor.FloatData.ToArray();
        }
        return values;
    }

    /// <summary>(rows, columns) row-major → (columns, rows) row-major.</summary>
    static float[] Transpose(float[] values, int rows, int columns)
    {
        var result = new float[values.Length];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                result[c * rows + r] = values[r * columns + c];
        return result;
    }
}
