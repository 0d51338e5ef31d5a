using Distill.Students.Modeling;
using Onnx;
using static TorchSharp.torch;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Distill.Students.Onnx;

/// <summary>
/// Writes a <see cref="BertForTokenClassification"/> as an ONNX graph that computes exactly what its TorchSharp
/// forward computes in eval mode (issue 16): word + position + token-type embeddings and LayerNorm (eps from
/// config), per layer self-attention with HF's extended mask <c>(1 - mask) * float.MinValue</c> as an additive
/// bias, output dense + residual + LayerNorm, intermediate dense + activation (exact erf GELU for "gelu"),
/// output dense + residual + LayerNorm, then the classifier. Dropout is the identity at inference and is left out.
/// <para>
/// Inputs <c>input_ids</c>, <c>attention_mask</c>, <c>token_type_ids</c> (int64, (batch_size, sequence_length)),
/// output <c>logits</c> (batch_size, sequence_length, labels): the names and dynamic axes Hugging Face Optimum
/// gives a token classifier. Only standard ONNX operators (opset 17, for <c>LayerNormalization</c>), in the
/// order <c>torch.onnx.export</c> writes them for modeling_bert.py, so any ONNX runtime runs it and ONNX Runtime's
/// load-time optimiser finds its patterns: bias + erf GELU becomes <c>BiasGelu</c>, QK^T / sqrt(d) a scaled
/// <c>FusedMatMul</c>. (Its SkipLayerNorm and Attention fusions need a fixed sequence length. Writing ORT's fused
/// <c>MultiHeadAttention</c> + <c>SkipLayerNormalization</c> ourselves was tried and was not faster on the MiniLM shape:
/// 186 against 182 ms of CPU per 512-piece note, 736 against 675 ms at 8 x 256, one thread; see the commit history.)
/// </para>
/// Linear weights are stored transposed, (in, out), as <c>MatMul</c> multiplies x (.., in) by them; their
/// initializers are named after the checkpoint key with <c>.T</c> appended.
/// </summary>
internal static class BertOnnxGraph
{
    /// <summary>The opset written (LayerNormalization needs 17; issue 16 asks for at least 14).</summary>
    public const int Opset = 17;

    /// <summary>IR version 8 (ONNX 1.10+), read by every ONNX Runtime since 1.10 and by Triton's ORT backend.</summary>
    public const long IrVersion = 8;

    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string TokenTypeIds = "token_type_ids";
    public const string Logits = "logits";
    public const string BatchAxis = "batch_size";
    public const string SequenceAxis = "sequence_length";

    /// <summary>The graph of <paramref name="model"/> with its current weights (copied to the CPU).</summary>
    public static ModelProto Build(BertForTokenClassification model, string producerVersion = "")
    {
        var weights = model.state_dict();
        var config = model.Config;
        (float[], long[]) Data(string key)
        {
            if (!weights.TryGetValue(key, out var t)) throw new KeyNotFoundException($"The model has no parameter '{key}'.");
            using var cpu = t.detach().cpu().to(ScalarType.Float32).contiguous();
            return (cpu.data<float>().ToArray(), cpu.shape);
        }
        return Build(config, model.Labels.Count, Data, producerVersion);
    }

    /// <summary>
    /// The graph for <paramref name="config"/> with weights from <paramref name="weights"/>, which returns a
    /// checkpoint key's float32 data in row-major order and its shape (the layout of a safetensors file).
    /// </summary>
    public static ModelProto Build(BertConfig config, int labelCount, Func<string, (float[] Data, long[] Shape)> weights, string producerVersion = "")
    {
        config.Validate();
        float[] Weight(string key, out long[] shape)
        {
            (var data, shape) = weights(key);
            return data;
        }
        var graph = new GraphProto { Name = "distill_bert_token_classifier" };
        var g = new OnnxGraphWriter(graph);
        graph.Input.Add(OnnxGraphWriter.TensorValue(InputIds, DataType.Int64, BatchAxis, SequenceAxis));
        graph.Input.Add(OnnxGraphWriter.TensorValue(AttentionMask, DataType.Int64, BatchAxis, SequenceAxis));
        graph.Input.Add(OnnxGraphWriter.TensorValue(TokenTypeIds, DataType.Int64, BatchAxis, SequenceAxis));

        string Param(string key, params long[] expected)
        {
            var data = Weight(key, out var shape);
            if (!shape.SequenceEqual(expected))
                throw new InvalidDataException($"Parameter '{key}' has shape [{string.Join(", ", shape)}], expected [{string.Join(", ", expected)}].");
            return g.Float(key, data, shape);
        }
        // nn.Linear keeps (out, in); MatMul wants (in, out).
        string Product(string input, string prefix, long inFeatures, long outFeatures)
        {
            var w = Weight(prefix + ".weight", out var shape);
            if (!shape.SequenceEqual([outFeatures, inFeatures]))
                throw new InvalidDataException($"Parameter '{prefix}.weight' has shape [{string.Join(", ", shape)}], expected [{outFeatures}, {inFeatures}].");
            var transposed = new float[w.Length];
            for (var o = 0; o < outFeatures; o++)
                for (var i = 0; i < inFeatures; i++)
                    transposed[i * outFeatures + o] = w[o * inFeatures + i];
            return g.Node("MatMul", [input, g.Float(prefix + ".weight.T", transposed, inFeatures, outFeatures)], prefix + ".matmul");
        }
        string Linear(string input, string prefix, long inFeatures, long outFeatures) =>
            g.Node("Add", [Product(input, prefix, inFeatures, outFeatures), Param(prefix + ".bias", outFeatures)], prefix + ".out");
        string LayerNorm(string input, string prefix, long h) =>
            g.Node("LayerNormalization", [input, Param(prefix + ".weight", h), Param(prefix + ".bias", h)], prefix + ".out", "",
                OnnxGraphWriter.Attribute("axis", -1L), OnnxGraphWriter.Attribute("epsilon", (float)config.LayerNormEps));

        long hidden = config.HiddenSize, heads = config.NumAttentionHeads, headSize = hidden / heads;

        // Embeddings: (B, T) ids -> (B, T, H).
        var words = g.Node("Gather", [Param("bert.embeddings.word_embeddings.weight", config.VocabSize, hidden), InputIds], "embeddings.words");
        var length = g.Node("Shape", [InputIds], "embeddings.length", "", OnnxGraphWriter.Attribute("start", 1L), OnnxGraphWriter.Attribute("end", 2L)); // (1) = [T]
        var positions = g.Node("Slice", [Param("bert.embeddings.position_embeddings.weight", config.MaxPositionEmbeddings, hidden),
            g.Int64Vector("zero", 0), length, g.Int64Vector("axis0", 0)], "embeddings.positions"); // (T, H): rows 0..T-1
        var types = g.Node("Gather", [Param("bert.embeddings.token_type_embeddings.weight", config.TypeVocabSize, hidden), TokenTypeIds], "embeddings.types");
        var summed = g.Node("Add", [g.Node("Add", [words, positions], "embeddings.words_positions"), types], "embeddings.sum");
        var x = LayerNorm(summed, "bert.embeddings.LayerNorm", hidden);

        // HF's extended mask: (1 - mask) * finfo(float32).min, (B, 1, 1, T), broadcast over heads and queries.
        var maskFloat = g.Node("Cast", [AttentionMask], "mask.float", "", OnnxGraphWriter.Attribute("to", (long)DataType.Float));
        var inverted = g.Node("Sub", [g.FloatScalar("one", 1f), maskFloat], "mask.inverted");
        var bias = g.Node("Mul", [inverted, g.FloatScalar("float_min", float.MinValue)], "mask.bias");
        var additiveMask = g.Node("Unsqueeze", [bias, g.Int64Vector("axes_1_2", 1, 2)], "mask.additive"); // (B, 1, 1, T)

        var headShape = g.Int64Vector("shape_heads", 0, 0, heads, headSize); // Reshape's 0 copies B and T
        var mergedShape = g.Int64Vector("shape_merged", 0, 0, hidden);
        var scale = g.FloatScalar("sqrt_head_size", MathF.Sqrt(headSize));
        for (var l = 0; l < config.NumHiddenLayers; l++)
        {
            var p = $"bert.encoder.layer.{l}";
            string Heads(string projection, params long[] perm) => g.Node("Transpose",
                [g.Node("Reshape", [Linear(x, $"{p}.attention.self.{projection}", hidden, hidden), headShape], $"{p}.{projection}.heads")],
                $"{p}.{projection}.transposed", "", OnnxGraphWriter.Attribute("perm", perm));
            var q = Heads("query", 0, 2, 1, 3);  // (B, nh, T, hs)
            var k = Heads("key", 0, 2, 3, 1);    // (B, nh, hs, T)
            var v = Heads("value", 0, 2, 1, 3);  // (B, nh, T, hs)
            var scores = g.Node("Div", [g.Node("MatMul", [q, k], $"{p}.scores.raw"), scale], $"{p}.scores.scaled"); // (B, nh, T, T)
            var probs = g.Node("Softmax", [g.Node("Add", [scores, additiveMask], $"{p}.scores")], $"{p}.probs", "", OnnxGraphWriter.Attribute("axis", -1L));
            var context = g.Node("MatMul", [probs, v], $"{p}.context.heads");                                       // (B, nh, T, hs)
            var merged = g.Node("Reshape", [g.Node("Transpose", [context], $"{p}.context.transposed", "", OnnxGraphWriter.Attribute("perm", 0L, 2, 1, 3)), mergedShape],
                $"{p}.context");                                                                                     // (B, T, H)
            var attended = LayerNorm(g.Node("Add", [Linear(merged, $"{p}.attention.output.dense", hidden, hidden), x], $"{p}.attention.residual"),
                $"{p}.attention.output.LayerNorm", hidden);
            var inner = Activation(g, Linear(attended, $"{p}.intermediate.dense", hidden, config.IntermediateSize), config.HiddenAct, $"{p}.intermediate"); // (B, T, I)
            x = LayerNorm(g.Node("Add", [Linear(inner, $"{p}.output.dense", config.IntermediateSize, hidden), attended], $"{p}.output.residual"),
                $"{p}.output.LayerNorm", hidden);
        }
        var logits = Linear(x, "classifier", hidden, labelCount); // (B, T, labels)
        graph.Node.Add(new NodeProto { OpType = "Identity", Name = "logits_identity", Input = { logits }, Output = { Logits } });
        graph.Output.Add(OnnxGraphWriter.TensorValue(Logits, DataType.Float, BatchAxis, SequenceAxis, labelCount));

        var modelProto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "distill",
            ProducerVersion = producerVersion,
            Graph = graph,
        };
        modelProto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return modelProto;
    }

    /// <summary>hidden_act as operators: "gelu" is the exact erf form x * 0.5 * (1 + erf(x / sqrt 2)), written as HF's torch export writes it.</summary>
    static string Activation(OnnxGraphWriter g, string x, string act, string prefix)
    {
        switch (act)
        {
            case "gelu":
                var erf = g.Node("Erf", [g.Node("Div", [x, g.FloatScalar("sqrt_2", MathF.Sqrt(2f))], $"{prefix}.gelu.div")], $"{prefix}.gelu.erf");
                var product = g.Node("Mul", [x, g.Node("Add", [erf, g.FloatScalar("one", 1f)], $"{prefix}.gelu.add")], $"{prefix}.gelu.mul");
                return g.Node("Mul", [product, g.FloatScalar("half", 0.5f)], $"{prefix}.gelu");
            case "gelu_new" or "gelu_pytorch_tanh":
                // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), torch's approximate="tanh".
                var cubed = g.Node("Mul", [g.Node("Pow", [x, g.FloatScalar("three", 3f)], $"{prefix}.gelu.cube"), g.FloatScalar("gelu_c", 0.044715f)], $"{prefix}.gelu.cube_scaled");
                var inner = g.Node("Mul", [g.Node("Add", [x, cubed], $"{prefix}.gelu.poly"), g.FloatScalar("sqrt_2_over_pi", MathF.Sqrt(2f / MathF.PI))], $"{prefix}.gelu.inner");
                var tanh = g.Node("Add", [g.Node("Tanh", [inner], $"{prefix}.gelu.tanh"), g.FloatScalar("one", 1f)], $"{prefix}.gelu.tanh1");
                return g.Node("Mul", [g.Node("Mul", [x, tanh], $"{prefix}.gelu.mul"), g.FloatScalar("half", 0.5f)], $"{prefix}.gelu");
            case "relu":
                return g.Node("Relu", [x], $"{prefix}.relu");
            default:
                throw new NotSupportedException($"hidden_act '{act}' has no ONNX export.");
        }
    }
}
