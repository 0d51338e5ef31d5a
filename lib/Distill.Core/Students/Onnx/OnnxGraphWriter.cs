using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Distill.Students.Onnx;

/// <summary>
/// Appends nodes and initializers to an ONNX <see cref="GraphProto"/> (OnnxSharp's generated onnx.proto
/// classes) with unique value names, so the graph builder and the quantizer read as a list of operators.
/// </summary>
internal sealed class OnnxGraphWriter
{
    readonly HashSet<string> names = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> constants = new(StringComparer.Ordinal);
    int counter;

    public OnnxGraphWriter(GraphProto graph)
    {
        Graph = graph;
        foreach (var v in graph.Input) names.Add(v.Name);
        foreach (var t in graph.Initializer) names.Add(t.Name);
        foreach (var n in graph.Node)
        {
            names.Add(n.Name);
            foreach (var o in n.Output) names.Add(o);
        }
    }

    public GraphProto Graph { get; }

    /// <summary>A value name not used yet, built from <paramref name="hint"/>.</summary>
    public string Fresh(string hint)
    {
        var name = hint;
        while (!names.Add(name)) name = $"{hint}_{++counter}";
        return name;
    }

    /// <summary>Adds a node and returns its first output's name.</summary>
    public string Node(string opType, IReadOnlyList<string> inputs, string outputHint, string domain = "", params AttributeProto[] attributes) =>
        NodeWithOutputs(opType, inputs, [outputHint], domain, attributes)[0];

    /// <summary>Adds a node whose output keeps the exact name <paramref name="output"/> (a value other nodes already read).</summary>
    public void NodeWritingTo(string opType, IReadOnlyList<string> inputs, string output, string nodeName, string domain = "", params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = Fresh(nodeName), Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
    }

    /// <summary>Adds a node with several outputs (their names made from the hints) and returns them.</summary>
    public string[] NodeWithOutputs(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputHints, string domain = "", params AttributeProto[] attributes)
    {
        var outputs = outputHints.Select(Fresh).ToArray();
        var node = new NodeProto { OpType = opType, Name = Fresh($"{opType}_{outputs[0]}"), Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return outputs;
    }

    public string Float(string hint, ReadOnlySpan<float> data, params long[] dims) => Initializer(hint, TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(data), dims);

    public string Int64(string hint, ReadOnlySpan<long> data, params long[] dims) => Initializer(hint, TensorProto.Types.DataType.Int64, MemoryMarshal.AsBytes(data), dims);

    public string Int8(string hint, ReadOnlySpan<sbyte> data, params long[] dims) => Initializer(hint, TensorProto.Types.DataType.Int8, MemoryMarshal.AsBytes(data), dims);

    public string UInt8(string hint, ReadOnlySpan<byte> data, params long[] dims) => Initializer(hint, TensorProto.Types.DataType.Uint8, data, dims);

    /// <summary>A 1-D int64 constant (shapes, axes, slice bounds), written once per value.</summary>
    public string Int64Vector(string hint, params long[] values) =>
        Shared($"i64:{hint}:{string.Join(',', values)}", () => Int64(hint, values, values.Length));

    /// <summary>A float scalar (rank 0), written once per value.</summary>
    public string FloatScalar(string hint, float value) =>
        Shared($"f32:{hint}:{BitConverter.SingleToInt32Bits(value)}", () => Float(hint, [value]));

    string Shared(string key, Func<string> create)
    {
        if (!constants.TryGetValue(key, out var name)) constants[key] = name = create();
        return name;
    }

    /// <summary>Raw little-endian data (what ONNX's raw_data holds on every platform ORT runs on).</summary>
    string Initializer(string hint, TensorProto.Types.DataType type, ReadOnlySpan<byte> bytes, long[] dims)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this machine is not.");
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(dims);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Attribute(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    /// <summary>A tensor value description with named (dynamic) or fixed dimensions.</summary>
    public static ValueInfoProto TensorValue(string name, TensorProto.Types.DataType type, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d switch
            {
                string param => new TensorShapeProto.Types.Dimension { DimParam = param },
                int value => new TensorShapeProto.Types.Dimension { DimValue = value },
                long value => new TensorShapeProto.Types.Dimension { DimValue = value },
                _ => throw new ArgumentException($"A dimension is a name or a size, not {d.GetType().Name}.", nameof(dims)),
            });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
