using System.Runtime.InteropServices;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Distill.Students.Onnx;

/// <summary>
/// Dynamic int8 quantization of an ONNX graph, as <c>onnxruntime.quantization.quantize_dynamic</c> does it for
/// MatMul (issue 16), in C#: every <c>MatMul</c> whose second input is a constant float32 (K, N) weight gets that
/// weight stored in 8 bits with a float scale (per output column by default), and its activation quantized to
/// uint8 at run time. Like <c>quantize_dynamic</c> (its <c>MatMulConstBOnly</c> default) the attention products
/// QK^T and PV, whose both operands are activations, stay float32, and so do LayerNorm, Softmax, GELU and the
/// bias adds. The classifier is a constant-weight MatMul and is quantized, as <c>quantize_dynamic</c> does.
/// <para>
/// Not done, deliberately: ORT's dynamic registry also lists <c>Gather</c>, which would store the embedding tables in
/// 8 bits (a smaller file, no faster: a lookup has no arithmetic to speed up); we keep embeddings float32 (we recall,
/// without having the source here to check, that current <c>quantize_dynamic</c> includes Gather by default).
/// </para>
/// Quantization of one weight column w (K values), as ORT's <c>quant_utils.compute_scale_zp</c> does:
/// int8 symmetric: scale = max|w| / 127 (64 with reduce_range), q = round_half_even(w / scale) clamped, zero point 0;
/// uint8 asymmetric: [min(w, 0), max(w, 0)] mapped onto 0..255 (0..127), zero point = round(-min / scale).
/// </summary>
internal static class OnnxDynamicQuantizer
{
    /// <summary>The contrib-operator domain of ONNX Runtime.</summary>
    public const string MicrosoftDomain = "com.microsoft";

    /// <summary>A quantized copy of <paramref name="model"/>; the input is not changed.</summary>
    public static ModelProto Quantize(ModelProto model, DynamicQuantizationOptions? options = null)
    {
        options ??= new DynamicQuantizationOptions();
        var quantized = model.Clone();
        var graph = quantized.Graph;
        var constants = ConstantFloatMatrices(graph);
        var original = graph.Node.ToArray();
        graph.Node.Clear();
        var g = new OnnxGraphWriter(graph);
        var quantizedWeights = new Dictionary<string, QuantizedWeight>(StringComparer.Ordinal);
        var quantizedActivations = new Dictionary<string, (string Value, string Scale, string ZeroPoint)>(StringComparer.Ordinal);
        foreach (var node in original)
        {
            if (!IsQuantizable(node, constants))
            {
                graph.Node.Add(node);
                continue;
            }
            var weightName = node.Input[1];
            if (!quantizedWeights.TryGetValue(weightName, out var w))
                quantizedWeights[weightName] = w = QuantizeWeight(g, constants[weightName], options);
            var activation = node.Input[0];
            var output = node.Output[0];
            if (options.Form == QuantizedMatMulForm.DynamicQuantizeMatMul)
            {
                g.NodeWritingTo("DynamicQuantizeMatMul", [activation, w.Values, w.Scale, w.ZeroPoint], output, node.Name + "_quant", MicrosoftDomain);
                continue;
            }
            // quantize_dynamic quantizes each activation once, however many MatMuls read it (x feeds query, key and value).
            if (!quantizedActivations.TryGetValue(activation, out var a))
            {
                var outs = g.NodeWithOutputs("DynamicQuantizeLinear", [activation],
                    [activation + "_quantized", activation + "_scale", activation + "_zero_point"]);
                quantizedActivations[activation] = a = (outs[0], outs[1], outs[2]);
            }
            var integer = g.Node("MatMulInteger", [a.Value, w.Values, a.ZeroPoint, w.ZeroPoint], output + "_int32");        // (.., N) int32
            var asFloat = g.Node("Cast", [integer], output + "_int32_float", "", OnnxGraphWriter.Attribute("to", (long)DataType.Float));
            var scale = g.Node("Mul", [a.Scale, w.Scale], output + "_scale");                                                  // () x (N) -> (N)
            g.NodeWritingTo("Mul", [asFloat, scale], output, node.Name + "_quant");
        }
        // The float weights are no longer read by anything.
        var read = graph.Node.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        foreach (var name in quantizedWeights.Keys.Where(n => !read.Contains(n)))
            graph.Initializer.Remove(graph.Initializer.First(t => t.Name == name));
        if (options.Form == QuantizedMatMulForm.DynamicQuantizeMatMul && quantized.OpsetImport.All(o => o.Domain != MicrosoftDomain))
            quantized.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        return quantized;
    }

    /// <summary>Names of the MatMul nodes that still multiply by a constant float32 weight (none after <see cref="Quantize"/>).</summary>
    public static IReadOnlyList<string> FloatMatMulsWithConstantWeight(ModelProto model)
    {
        var constants = ConstantFloatMatrices(model.Graph);
        return model.Graph.Node.Where(n => IsQuantizable(n, constants)).Select(n => n.Name).ToArray();
    }

    static bool IsQuantizable(NodeProto node, IReadOnlyDictionary<string, TensorProto> constants) =>
        node.OpType == "MatMul" && node.Domain is ("" or "ai.onnx") && node.Input.Count == 2 && constants.ContainsKey(node.Input[1]) && !constants.ContainsKey(node.Input[0]);

    /// <summary>2-D float32 initializers that are not also graph inputs (an input could override them at run time).</summary>
    static Dictionary<string, TensorProto> ConstantFloatMatrices(GraphProto graph)
    {
        var inputs = graph.Input.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return graph.Initializer.Where(t => t.DataType == (int)DataType.Float && t.Dims.Count == 2 && !inputs.Contains(t.Name))
            .ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    sealed record QuantizedWeight(string Values, string Scale, string ZeroPoint);

    static QuantizedWeight QuantizeWeight(OnnxGraphWriter g, TensorProto weight, DynamicQuantizationOptions options)
    {
        var (k, n) = ((int)weight.Dims[0], (int)weight.Dims[1]);
        var w = FloatData(weight);
        var groups = options.PerChannel ? n : 1;
        var scales = new float[groups];
        var zeroPoints = new int[groups];
        var (qmin, qmax) = (options.WeightType, options.ReduceRange) switch
        {
            (QuantizedWeightType.Int8, false) => (-127, 127),
            (QuantizedWeightType.Int8, true) => (-64, 64),
            (QuantizedWeightType.UInt8, false) => (0, 255),
            _ => (0, 127),
        };
        for (var c = 0; c < groups; c++)
        {
            float lo = 0, hi = 0; // the range always holds 0, so 0 is exact (zero padding stays zero)
            for (var r = 0; r < k; r++)
                for (var j = options.PerChannel ? c : 0; j < (options.PerChannel ? c + 1 : n); j++)
                {
                    var v = w[r * n + j];
                    lo = Math.Min(lo, v);
                    hi = Math.Max(hi, v);
                }
            if (options.WeightType == QuantizedWeightType.Int8)
            {
                var absMax = Math.Max(-lo, hi);
                scales[c] = absMax > 0 ? 2 * absMax / (qmax - qmin) : 1f;
                zeroPoints[c] = 0;
            }
            else
            {
                scales[c] = hi > lo ? (hi - lo) / (qmax - qmin) : 1f;
                zeroPoints[c] = (int)Math.Clamp(MathF.Round(qmin - lo / scales[c]), qmin, qmax);
            }
        }
        var q = new int[k * n];
        for (var r = 0; r < k; r++)
            for (var j = 0; j < n; j++)
            {
                var c = options.PerChannel ? j : 0;
                q[r * n + j] = (int)Math.Clamp(MathF.Round(w[r * n + j] / scales[c]) + zeroPoints[c], qmin, qmax);
            }
        long[] groupDims = options.PerChannel ? [n] : [];
        var baseName = weight.Name;
        string values, zeroPoint;
        if (options.WeightType == QuantizedWeightType.Int8)
        {
            values = g.Int8(baseName + "_quantized", q.Select(v => (sbyte)v).ToArray(), k, n);
            zeroPoint = g.Int8(baseName + "_zero_point", zeroPoints.Select(v => (sbyte)v).ToArray(), groupDims);
        }
        else
        {
            values = g.UInt8(baseName + "_quantized", q.Select(v => (byte)v).ToArray(), k, n);
            zeroPoint = g.UInt8(baseName + "_zero_point", zeroPoints.Select(v => (byte)v).ToArray(), groupDims);
        }
        return new QuantizedWeight(values, g.Float(baseName + "_scale", scales, groupDims), zeroPoint);
    }

    static float[] FloatData(TensorProto t)
    {
        if (t.DataLocation == TensorProto.Types.DataLocation.External)
            throw new NotSupportedException($"Initializer '{t.Name}' is stored in an external file; quantize a graph with embedded weights.");
        if (!t.RawData.IsEmpty) return MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray();
        return t.FloatData.ToArray();
    }
}
