namespace Distill.Students.Onnx;

/// <summary>Which operators <see cref="BertOnnxGraph"/> writes the encoder with.</summary>
public enum BertOnnxGraphForm
{
    /// <summary>
    /// Standard ONNX operators only (opset 17), in the order <c>torch.onnx.export</c> writes modeling_bert.py: what
    /// <c>optimum-cli export onnx</c> writes, runnable by any ONNX runtime. ONNX Runtime fuses only a little of it at
    /// load time, because its SkipLayerNorm and Attention fusions need a fixed sequence length.
    /// </summary>
    Portable,

    /// <summary>
    /// The fused <c>com.microsoft</c> operators ONNX Runtime's transformer optimiser writes (what Optimum's
    /// <c>ORTOptimizer</c> at level O2 gives a BERT): <c>MultiHeadAttention</c> (bias and padding mask inside),
    /// <c>SkipLayerNormalization</c> (residual + bias + LayerNorm) and <c>BiasGelu</c>/<c>FastGelu</c>. The
    /// projections stay plain MatMuls, so <see cref="OnnxDynamicQuantizer"/> quantizes the same products in both forms.
    /// Runs on ONNX Runtime only (Triton's onnxruntime backend included).
    /// </summary>
    OrtFused,
}
