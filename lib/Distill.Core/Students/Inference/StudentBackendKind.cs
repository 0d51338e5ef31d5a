namespace Distill.Students.Inference;

/// <summary>The backends of <c>distill predict --backend</c>.</summary>
public enum StudentBackendKind
{
    /// <summary>"torch": the TorchSharp model (CPU or CUDA).</summary>
    Torch,

    /// <summary>"onnx": ONNX Runtime on the fp32 graph; logits equal TorchSharp's to 1e-4.</summary>
    Onnx,

    /// <summary>"onnx-int8": ONNX Runtime on the dynamically quantized graph; the fastest on CPU, logits close to fp32, not equal.</summary>
    OnnxInt8,
}
