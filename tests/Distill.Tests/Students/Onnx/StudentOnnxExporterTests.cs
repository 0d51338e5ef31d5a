using Distill.Students;
using Distill.Students.Onnx;

namespace Distill.Tests.Students.Onnx;

public sealed class StudentOnnxExporterTests : IDisposable
{
    readonly TinyStudentFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Export_writes_the_Optimum_folder_whose_graph_gives_the_students_logits()
    {
        var target = Path.Combine(folder.Root, "export");
        var manifest = StudentOnnxExporter.Export(folder.Path, target, new DynamicQuantizationOptions());

        foreach (var name in new[] { "model.onnx", "model_quantized.onnx", "config.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json", OnnxExportManifest.FileName })
            Assert.True(File.Exists(Path.Combine(target, name)), $"{name} missing");
        Assert.Equal(File.ReadAllText(Path.Combine(folder.Path, "config.json")), File.ReadAllText(Path.Combine(target, "config.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(folder.Path, "vocab.txt")), File.ReadAllText(Path.Combine(target, "vocab.txt")));
        Assert.Equal(StudentOnnxExporter.SourceFingerprint(folder.Path), manifest.SourceSha256);
        Assert.Equal(2 * 6 + 1, manifest.QuantizedMatMuls);
        Assert.Equal(manifest, OnnxExportManifest.TryRead(target));

        using var student = StudentModel.Load(folder.Path, out _);
        var (ids, mask, types, _) = TinyBert.Expected();
        var (b, t) = ((int)ids.shape[0], (int)ids.shape[1]);
        var torchLogits = RandomBert.TorchLogits(student.Model, ids.data<long>().ToArray(), mask.data<long>().ToArray(), types.data<long>().ToArray(), b, t);
        using var session = OnnxStudentSession.Open(Path.Combine(target, "model.onnx"));
        var diff = RandomBert.MaxAbsDiff(session.Run(ids.data<long>().ToArray(), mask.data<long>().ToArray(), types.data<long>().ToArray(), b, t), torchLogits);
        Assert.True(diff < 1e-4, $"max |ORT - TorchSharp| = {diff:E2}");
        using var quantized = OnnxStudentSession.Open(Path.Combine(target, "model_quantized.onnx"));
        Assert.Equal(3, quantized.LabelCount);
    }

    [Fact]
    public void Exporting_again_without_int8_removes_the_stale_int8_graph()
    {
        var target = Path.Combine(folder.Root, "export");
        StudentOnnxExporter.Export(folder.Path, target, new DynamicQuantizationOptions());
        var manifest = StudentOnnxExporter.Export(folder.Path, target);
        Assert.False(File.Exists(Path.Combine(target, "model_quantized.onnx")));
        Assert.Null(manifest.Quantization);
    }

    [Fact]
    public void A_folder_that_is_not_a_student_is_one_clear_error()
    {
        var empty = Directory.CreateDirectory(Path.Combine(folder.Root, "empty")).FullName;
        var e = Assert.Throws<InvalidDataException>(() => StudentOnnxExporter.Export(empty, Path.Combine(folder.Root, "out")));
        Assert.StartsWith($"'{empty}' is not a student model folder:", e.Message);
        Assert.Contains("config.json", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        // A base encoder checkpoint (no classifier head) would export a random head: refused.
        File.Copy(TinyBert.File("base_model.safetensors"), Path.Combine(folder.Path, "model.safetensors"), overwrite: true);
        e = Assert.Throws<InvalidDataException>(() => StudentOnnxExporter.Export(folder.Path, Path.Combine(folder.Root, "out")));
        Assert.Contains("is not a trained student", e.Message);
        Assert.False(Directory.Exists(Path.Combine(folder.Root, "out")));
    }
}
