using Distill.Students.Inference;
using Distill.Students.Onnx;
using Distill.Students.Tokenization;
using Distill.Tests.Students.Onnx;

namespace Distill.Tests.Students.Inference;

public sealed class StudentBackendsTests : IDisposable
{
    readonly TinyStudentFolder folder = new();

    public void Dispose() => folder.Dispose();

    static PieceBatch PaddedBatch() => PieceBatch.Pad([[2, 5, 6, 7, 8, 9, 10, 3], [2, 15, 16, 3], [2, 40, 3]], padId: 0);

    [Fact]
    public void The_three_backends_run_the_same_student_and_ONNX_fp32_equals_TorchSharp()
    {
        using var torch = StudentBackends.Open(folder.Path, StudentBackendKind.Torch, "cpu");
        using var onnx = StudentBackends.Open(folder.Path, StudentBackendKind.Onnx, "cpu");
        using var int8 = StudentBackends.Open(folder.Path, StudentBackendKind.OnnxInt8, "cpu");
        Assert.Equal(["torch", "onnx", "onnx-int8"], new[] { torch.Name, onnx.Name, int8.Name });
        Assert.All(new[] { onnx, int8 }, b => Assert.Equal(torch.Labels, b.Labels));
        Assert.All(new[] { onnx, int8 }, b => Assert.Equal(torch.MaxLength, b.MaxLength));
        Assert.All(new[] { onnx, int8 }, b => Assert.Equal("cpu", b.Device));

        var batch = PaddedBatch();
        Assert.True(batch.Padded);
        var reference = torch.Logits(batch);
        Assert.True(RandomBert.MaxAbsDiff(onnx.Logits(batch), reference) < 1e-4);
        Assert.True(RandomBert.MaxAbsDiff(int8.Logits(batch), reference) < 0.25);
        // The ONNX backends exported the student into its own onnx/ folder.
        Assert.True(File.Exists(Path.Combine(folder.Path, "onnx", "model.onnx")));
        Assert.True(File.Exists(Path.Combine(folder.Path, "onnx", "model_quantized.onnx")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_torch_backend_in_inference_mode_gives_the_logits_of_the_no_grad_forward(bool padded)
    {
        // Issue 16 changed TorchStudentBackend from no_grad to inference_mode; its logits must not move.
        using var torch = (TorchStudentBackend)StudentBackends.Open(folder.Path, StudentBackendKind.Torch, "cpu");
        var batch = padded ? PaddedBatch() : PieceBatch.Pad([[2, 5, 6, 3], [2, 7, 8, 3]], padId: 0);
        Assert.Equal(padded, batch.Padded);
        var model = torch.Student.Model;
        model.eval();
        float[] before;
        using (TorchSharp.torch.no_grad())
        using (TorchSharp.torch.NewDisposeScope())
        {
            var (ids, mask) = WindowBatch.Inputs(batch, model.Device);
            before = model.forward(ids, mask, null).contiguous().data<float>().ToArray();
        }
        var after = torch.Logits(batch);
        Assert.Equal(before.Length, after.Length);
        Assert.True(RandomBert.MaxAbsDiff(after, before) < 1e-4);
        Assert.True(model.parameters().All(p => p.requires_grad)); // inference mode left the parameters trainable
    }

    [Fact]
    public void The_default_is_fp32_ONNX_until_the_model_carries_an_int8_graph()
    {
        Assert.Equal(StudentBackendKind.Onnx, StudentBackends.DefaultFor(folder.Path, "cpu"));
        using (StudentBackends.Open(folder.Path, StudentBackendKind.OnnxInt8, "cpu")) { }
        Assert.Equal(StudentBackendKind.OnnxInt8, StudentBackends.DefaultFor(folder.Path, "cpu"));

        var fp32Export = Path.Combine(folder.Root, "fp32");
        StudentOnnxExporter.Export(folder.Path, fp32Export);
        Assert.Equal(StudentBackendKind.Onnx, StudentBackends.DefaultFor(fp32Export));
        var int8Export = Path.Combine(folder.Root, "int8");
        StudentOnnxExporter.Export(folder.Path, int8Export, new DynamicQuantizationOptions());
        Assert.Equal(StudentBackendKind.OnnxInt8, StudentBackends.DefaultFor(int8Export));
        using var opened = StudentBackends.Open(int8Export, device: "cpu");
        Assert.Equal("onnx-int8", opened.Name);
    }

    [Fact]
    public void The_cache_is_exported_again_when_the_student_changes()
    {
        using (StudentBackends.Open(folder.Path, StudentBackendKind.Onnx, "cpu")) { }
        var before = OnnxExportManifest.TryRead(StudentOnnxCache.FolderOf(folder.Path))!;
        Assert.NotNull(StudentOnnxCache.Current(folder.Path));
        // Retrained in place: other weights (one bit of the last float flipped).
        var weights = Path.Combine(folder.Path, "model.safetensors");
        var bytes = File.ReadAllBytes(weights);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(weights, bytes);
        Assert.Null(StudentOnnxCache.Current(folder.Path));
        using (StudentBackends.Open(folder.Path, StudentBackendKind.Onnx, "cpu")) { }
        var after = OnnxExportManifest.TryRead(StudentOnnxCache.FolderOf(folder.Path))!;
        Assert.NotEqual(before.SourceSha256, after.SourceSha256);
        Assert.NotNull(StudentOnnxCache.Current(folder.Path));
    }

    [Fact]
    public void CUDA_with_an_ONNX_backend_on_a_CPU_build_is_one_clear_error()
    {
        Assert.False(OnnxStudentSession.HasCudaProvider()); // this build references the CPU package
        var e = Assert.Throws<ArgumentException>(() => StudentBackends.Open(folder.Path, StudentBackendKind.Onnx, "cuda"));
        Assert.Contains("no CUDA execution provider", e.Message);
        Assert.Contains("-p:OnnxRuntimeBackend=cuda", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        // auto falls back to the CPU without a word.
        using var auto = StudentBackends.Open(folder.Path, StudentBackendKind.Onnx, "auto");
        Assert.Equal("cpu", auto.Device);
    }

    [Fact]
    public void TorchSharp_cannot_run_an_export_folder()
    {
        var export = Path.Combine(folder.Root, "export");
        StudentOnnxExporter.Export(folder.Path, export);
        var e = Assert.Throws<ArgumentException>(() => StudentBackends.Open(export, StudentBackendKind.Torch, "cpu"));
        Assert.Contains("--backend onnx", e.Message);
        Assert.Throws<ArgumentException>(() => StudentBackends.Parse("tensorrt"));
        Assert.Equal(StudentBackendKind.OnnxInt8, StudentBackends.Parse("ONNX-int8"));
    }
}
