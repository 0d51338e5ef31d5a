using System.Text.Json;
using System.Text.Json.Serialization;
using Distill.IO;

namespace Distill.Students.Onnx;

/// <summary>
/// distill_onnx.json, written beside an exported graph: which student it came from (the SHA-256 of its config.json
/// and weights file, so a cache knows when the student was retrained), the opset, and how the int8 graph was made.
/// </summary>
public sealed record OnnxExportManifest
{
    public const string FileName = "distill_onnx.json";

    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>SHA-256 over the student's config.json then its weights file.</summary>
    [JsonPropertyName("source_sha256")] public required string SourceSha256 { get; init; }

    [JsonPropertyName("opset")] public int Opset { get; init; } = BertOnnxGraph.Opset;

    /// <summary>How model_quantized.onnx was quantized; null when there is no int8 graph.</summary>
    [JsonPropertyName("quantization")] public DynamicQuantizationOptions? Quantization { get; init; }

    [JsonPropertyName("quantized_matmuls")] public int QuantizedMatMuls { get; init; }

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>The manifest of <paramref name="directory"/>, or null when it has none or one that does not parse.</summary>
    public static OnnxExportManifest? TryRead(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<OnnxExportManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null; // a damaged manifest only means the export is made again
        }
    }

    public void Write(string directory) => AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json));
}
