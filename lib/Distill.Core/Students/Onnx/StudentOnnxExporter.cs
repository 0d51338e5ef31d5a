using System.Security.Cryptography;
using Distill.IO;
using Distill.Students.Checkpoints;
using Google.Protobuf;
using Onnx;

namespace Distill.Students.Onnx;

/// <summary>
/// Exports a saved student (a Hugging Face BertForTokenClassification folder) as the folder Hugging Face Optimum
/// writes for <c>ORTModelForTokenClassification</c> (issue 16): <c>model.onnx</c>, with <c>--int8</c> also
/// <c>model_quantized.onnx</c> (the name Optimum's ORTQuantizer gives it), plus config.json, vocab.txt,
/// tokenizer_config.json and special_tokens_map.json, and our <see cref="OnnxExportManifest"/>.
/// </summary>
public static class StudentOnnxExporter
{
    public const string ModelFileName = "model.onnx";
    public const string QuantizedModelFileName = "model_quantized.onnx";

    /// <summary>Copied from the student folder as they are (a missing optional one is written with BERT's defaults).</summary>
    public static IReadOnlyList<string> CopiedFiles { get; } = ["config.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json"];

    /// <summary>
    /// Loads a student for export, or throws one <see cref="InvalidDataException"/> saying why the folder is not a
    /// trained student: no folder, no config.json or weights, not a BERT, no labels, or a checkpoint without the
    /// classifier head for its labels (a base encoder: its head would be random).
    /// </summary>
    public static StudentModel LoadStudent(string directory)
    {
        StudentModel student;
        CheckpointLoadReport report;
        try
        {
            student = StudentModel.Load(directory, out report);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ArgumentException)
        {
            throw new InvalidDataException($"'{directory}' is not a student model folder: {e.Message}", e);
        }
        if (report.FreshClassifierHead)
        {
            student.Dispose();
            throw new InvalidDataException($"'{directory}' is not a trained student: its checkpoint has no classifier head for the labels in config.json ({report.FreshHeadReason}).");
        }
        return student;
    }

    /// <summary>Hex SHA-256 over a student folder's config.json and its weights file (model.safetensors, else pytorch_model.bin).</summary>
    public static string SourceFingerprint(string directory)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in new[] { "config.json", WeightsFileName(directory) })
        {
            using var stream = File.OpenRead(Path.Combine(directory, name));
            var buffer = new byte[1 << 20];
            int read;
            while ((read = stream.Read(buffer)) > 0) sha.AppendData(buffer.AsSpan(0, read));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    static string WeightsFileName(string directory) =>
        File.Exists(Path.Combine(directory, "model.safetensors")) ? "model.safetensors" : "pytorch_model.bin";

    /// <summary>
    /// The float32 graph of <paramref name="student"/> and, when <paramref name="int8"/> is given, its quantized copy.
    /// </summary>
    public static (ModelProto Float, ModelProto? Int8) Build(StudentModel student, DynamicQuantizationOptions? int8 = null)
    {
        var graph = BertOnnxGraph.Build(student.Model, producerVersion: typeof(StudentOnnxExporter).Assembly.GetName().Version?.ToString() ?? "");
        return (graph, int8 is null ? null : OnnxDynamicQuantizer.Quantize(graph, int8));
    }

    /// <summary>
    /// Writes the export of the student in <paramref name="studentDirectory"/> into <paramref name="outDirectory"/>
    /// (created; existing files replaced one by one through temp + rename). With <paramref name="int8"/> the int8
    /// graph is written too. Returns the manifest written.
    /// </summary>
    public static OnnxExportManifest Export(string studentDirectory, string outDirectory, DynamicQuantizationOptions? int8 = null)
    {
        using var student = LoadStudent(studentDirectory);
        var (graph, quantized) = Build(student, int8);
        Directory.CreateDirectory(outDirectory);
        AtomicFile.WriteAllBytes(Path.Combine(outDirectory, ModelFileName), graph.ToByteArray());
        var quantizedPath = Path.Combine(outDirectory, QuantizedModelFileName);
        if (quantized is not null) AtomicFile.WriteAllBytes(quantizedPath, quantized.ToByteArray());
        else if (File.Exists(quantizedPath)) File.Delete(quantizedPath); // an earlier export's: it no longer matches model.onnx
        CopyTokenizerFiles(studentDirectory, outDirectory);
        var manifest = new OnnxExportManifest
        {
            Source = Path.GetFullPath(studentDirectory),
            SourceSha256 = SourceFingerprint(studentDirectory),
            Quantization = int8,
            QuantizedMatMuls = quantized is null ? 0 : CountQuantizedMatMuls(quantized),
        };
        manifest.Write(outDirectory);
        return manifest;
    }

    /// <summary>MatMulInteger and DynamicQuantizeMatMul nodes in a graph.</summary>
    public static int CountQuantizedMatMuls(ModelProto model) =>
        model.Graph.Node.Count(n => n.OpType is "MatMulInteger" or "DynamicQuantizeMatMul");

    static void CopyTokenizerFiles(string from, string to)
    {
        if (Path.GetFullPath(from) == Path.GetFullPath(to)) return;
        foreach (var name in CopiedFiles)
        {
            var source = Path.Combine(from, name);
            var target = Path.Combine(to, name);
            if (File.Exists(source)) AtomicFile.Write(target, temp => File.Copy(source, temp, overwrite: true));
            else if (name == "tokenizer_config.json")
                AtomicFile.WriteAllText(target, """{"tokenizer_class": "BertTokenizer", "do_lower_case": true}""");
            else if (name == "special_tokens_map.json")
                AtomicFile.WriteAllText(target, """{"unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]", "mask_token": "[MASK]"}""");
        }
    }
}
