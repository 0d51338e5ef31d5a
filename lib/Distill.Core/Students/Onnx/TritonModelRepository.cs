using System.Globalization;
using System.Text;
using Distill.IO;
using Google.Protobuf;
using Onnx;

namespace Distill.Students.Onnx;

/// <summary>
/// Writes a student graph as a Triton Inference Server model repository (issue 16), in the layout Triton's
/// model-repository and model-configuration documents describe:
/// <code>
/// &lt;repository&gt;/&lt;name&gt;/config.pbtxt      platform "onnxruntime_onnx", max_batch_size, inputs/outputs, dynamic_batching
/// &lt;repository&gt;/&lt;name&gt;/labels.txt        one label per line, the output's label_filename
/// &lt;repository&gt;/&lt;name&gt;/1/model.onnx      version 1, the backend's default file name
/// </code>
/// With max_batch_size &gt; 0 Triton prepends the batch axis itself, so dims leave it out: inputs are [ -1 ]
/// (pieces) and logits [ -1, labels ]. Requests are tokenized by the client with the student's vocab.txt.
/// </summary>
public static class TritonModelRepository
{
    public const string Platform = "onnxruntime_onnx";
    public const string ConfigFileName = "config.pbtxt";
    public const string LabelsFileName = "labels.txt";

    /// <summary>Writes <paramref name="graph"/> as model <paramref name="name"/>, version 1, and returns the model's folder.</summary>
    public static string Write(string repository, string name, ModelProto graph, IReadOnlyList<string> labels, int maxBatchSize = 8)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(['/', '\\', '"']) >= 0 || name is "." or "..")
            throw new ArgumentException($"Triton model name '{name}' must be a plain folder name.", nameof(name));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        var outputs = graph.Graph.Output.Where(o => o.Name == BertOnnxGraph.Logits).ToArray();
        var labelDim = outputs.Length == 1 ? outputs[0].Type.TensorType.Shape.Dim[2].DimValue : 0;
        if (labelDim != labels.Count)
            throw new ArgumentException($"The graph's logits have {labelDim} labels, but {labels.Count} label names were given.", nameof(labels));
        var modelDirectory = Path.Combine(repository, name);
        Directory.CreateDirectory(Path.Combine(modelDirectory, "1"));
        AtomicFile.WriteAllBytes(Path.Combine(modelDirectory, "1", StudentOnnxExporter.ModelFileName), graph.ToByteArray());
        AtomicFile.WriteAllText(Path.Combine(modelDirectory, LabelsFileName), string.Join('\n', labels) + "\n");
        AtomicFile.WriteAllText(Path.Combine(modelDirectory, ConfigFileName), Config(name, graph, labels.Count, maxBatchSize));
        return modelDirectory;
    }

    /// <summary>The config.pbtxt text (protobuf text format of Triton's ModelConfig).</summary>
    public static string Config(string name, ModelProto graph, int labelCount, int maxBatchSize)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"name: \"{name}\"");
        text.AppendLine(CultureInfo.InvariantCulture, $"platform: \"{Platform}\"");
        text.AppendLine(CultureInfo.InvariantCulture, $"max_batch_size: {maxBatchSize}");
        text.AppendLine("input [");
        var inputs = graph.Graph.Input.Select(i => i.Name).ToArray();
        for (var i = 0; i < inputs.Length; i++)
            text.AppendLine(CultureInfo.InvariantCulture, $"  {{ name: \"{inputs[i]}\" data_type: TYPE_INT64 dims: [ -1 ] }}{(i < inputs.Length - 1 ? "," : "")}");
        text.AppendLine("]");
        text.AppendLine("output [");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {{ name: \"{BertOnnxGraph.Logits}\" data_type: TYPE_FP32 dims: [ -1, {labelCount} ] label_filename: \"{LabelsFileName}\" }}");
        text.AppendLine("]");
        // Requests are batched together up to max_batch_size (same sequence length within a batch, as Triton batches
        // only equal shapes unless ragged batching is configured).
        text.AppendLine("dynamic_batching { max_queue_delay_microseconds: 1000 }");
        return text.ToString();
    }
}
