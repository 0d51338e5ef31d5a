using Distill.Runtime;
using Distill.Students.Onnx;

namespace Distill.Students.Inference;

/// <summary>
/// Opens the backend that runs a model folder (issue 16): a student folder (TorchSharp weights; ONNX backends
/// export it into <see cref="StudentOnnxCache"/> first) or an export folder written by <c>distill export</c>
/// (model.onnx, maybe model_quantized.onnx). <see cref="DefaultFor"/> picks the fastest backend the model has.
/// </summary>
public static class StudentBackends
{
    public static IReadOnlyList<string> Names { get; } = ["torch", "onnx", "onnx-int8"];

    public static string NameOf(StudentBackendKind kind) => Names[(int)kind];

    public static StudentBackendKind Parse(string name)
    {
        var index = Names.ToList().IndexOf(name.Trim().ToLowerInvariant());
        return index >= 0 ? (StudentBackendKind)index : throw new ArgumentException($"Backend '{name}' is not one of {string.Join(", ", Names)}.");
    }

    /// <summary>Whether <paramref name="directory"/> is an ONNX export (a graph and no TorchSharp weights).</summary>
    public static bool IsExport(string directory) =>
        (File.Exists(Path.Combine(directory, StudentOnnxExporter.ModelFileName)) || File.Exists(Path.Combine(directory, StudentOnnxExporter.QuantizedModelFileName)))
        && !File.Exists(Path.Combine(directory, "model.safetensors")) && !File.Exists(Path.Combine(directory, "pytorch_model.bin"));

    /// <summary>
    /// The fastest backend the model has, as measured by <c>distill bench --vs-onnxruntime</c> on CPU: ONNX Runtime
    /// int8, then fp32, then TorchSharp. int8 is chosen only where the model already carries an int8 graph (an
    /// export made with --int8, or a student whose ONNX cache holds one after <c>--backend onnx-int8</c>), because
    /// it changes the logits: that choice is the user's, made once. Otherwise the fp32 graph, whose logits equal
    /// TorchSharp's. Where a GPU is asked for (or "auto" finds one for TorchSharp) and this build's ONNX Runtime has
    /// no CUDA provider, TorchSharp on the GPU.
    /// </summary>
    public static StudentBackendKind DefaultFor(string modelDirectory, string device = "auto")
    {
        if (IsExport(modelDirectory))
            return File.Exists(Path.Combine(modelDirectory, StudentOnnxExporter.QuantizedModelFileName)) ? StudentBackendKind.OnnxInt8 : StudentBackendKind.Onnx;
        var spec = device.Trim().ToLowerInvariant();
        var wantsGpu = spec.StartsWith("cuda", StringComparison.Ordinal) || (spec == "auto" && TorchSharp.torch.cuda.is_available());
        if (wantsGpu && !OnnxStudentSession.HasCudaProvider()) return StudentBackendKind.Torch;
        return StudentOnnxCache.Current(modelDirectory)?.Quantization is not null ? StudentBackendKind.OnnxInt8 : StudentBackendKind.Onnx;
    }

    /// <summary>Opens <paramref name="kind"/> (default: <see cref="DefaultFor"/>) for the model in <paramref name="modelDirectory"/>.</summary>
    /// <param name="device">cpu, cuda, cuda:N or auto.</param>
    /// <param name="threads">ONNX Runtime intra-op threads (0: its default).</param>
    public static IStudentBackend Open(string modelDirectory, StudentBackendKind? kind = null, string device = "auto", int threads = 0)
    {
        if (!Directory.Exists(modelDirectory)) throw new DirectoryNotFoundException($"Model directory '{modelDirectory}' does not exist.");
        var chosen = kind ?? DefaultFor(modelDirectory, device);
        var export = IsExport(modelDirectory);
        if (chosen == StudentBackendKind.Torch)
        {
            if (export)
                throw new ArgumentException($"'{modelDirectory}' is an ONNX export with no TorchSharp weights; use --backend onnx or onnx-int8 (or pass the student folder).");
            var student = StudentModel.Load(modelDirectory, out var report, device: TorchRuntime.ResolveDevice(device));
            return new TorchStudentBackend(student, ownsStudent: true, report);
        }
        var int8 = chosen == StudentBackendKind.OnnxInt8;
        var file = int8 ? StudentOnnxExporter.QuantizedModelFileName : StudentOnnxExporter.ModelFileName;
        var folder = export ? modelDirectory : StudentOnnxCache.Ensure(modelDirectory, int8);
        if (!File.Exists(Path.Combine(folder, file)))
            throw new FileNotFoundException($"'{folder}' has no {file}; export it with `distill export --model <student> --format onnx{(int8 ? " --int8" : "")} --out {folder}`.");
        return OnnxStudentBackend.Open(folder, file, NameOf(chosen), new OnnxRuntimeOptions { Device = device, Threads = threads });
    }
}
