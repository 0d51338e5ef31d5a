namespace Distill.Students.Onnx;

/// <summary>
/// The export of a student kept inside its own folder, in <c>onnx/</c> (where Hugging Face hub repositories keep
/// their ONNX graphs), made the first time an ONNX backend asks for it and made again when the student's
/// config.json or weights change (their SHA-256 is in the <see cref="OnnxExportManifest"/>).
/// </summary>
internal static class StudentOnnxCache
{
    public const string FolderName = "onnx";

    public static string FolderOf(string studentDirectory) => Path.Combine(studentDirectory, FolderName);

    /// <summary>The cache's manifest when it matches the student's current files, else null.</summary>
    public static OnnxExportManifest? Current(string studentDirectory)
    {
        var folder = FolderOf(studentDirectory);
        var manifest = OnnxExportManifest.TryRead(folder);
        if (manifest is null || !File.Exists(Path.Combine(folder, StudentOnnxExporter.ModelFileName))) return null;
        if (manifest.Quantization is not null && !File.Exists(Path.Combine(folder, StudentOnnxExporter.QuantizedModelFileName))) return null;
        return manifest.SourceSha256 == StudentOnnxExporter.SourceFingerprint(studentDirectory) ? manifest : null;
    }

    /// <summary>
    /// The cache folder, holding an up-to-date model.onnx and, with <paramref name="int8"/>, model_quantized.onnx
    /// (quantized with <paramref name="quantization"/>, default settings when null; a current int8 graph is kept as it is).
    /// </summary>
    public static string Ensure(string studentDirectory, bool int8, DynamicQuantizationOptions? quantization = null)
    {
        var folder = FolderOf(studentDirectory);
        var current = Current(studentDirectory);
        var hasInt8 = current?.Quantization is not null && (quantization is null || current.Quantization == quantization);
        if (current is not null && (!int8 || hasInt8)) return folder;
        try
        {
            StudentOnnxExporter.Export(studentDirectory, folder, int8 ? quantization ?? new() : current?.Quantization);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"Cannot write the ONNX export into '{folder}' ({e.Message}). Export it elsewhere with " +
                $"`distill export --model {studentDirectory} --format onnx{(int8 ? " --int8" : "")} --out <dir>` and pass --model <dir>.", e);
        }
        return folder;
    }
}
