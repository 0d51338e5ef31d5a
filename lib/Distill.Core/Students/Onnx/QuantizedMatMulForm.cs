namespace Distill.Students.Onnx;

/// <summary>The operators a quantized <c>MatMul</c> becomes.</summary>
public enum QuantizedMatMulForm
{
    /// <summary>
    /// What <c>quantize_dynamic</c> writes: <c>DynamicQuantizeLinear</c> (the activation to uint8, once per tensor even
    /// when it feeds several MatMuls) -> <c>MatMulInteger</c> (int32) -> <c>Cast</c> -> <c>Mul</c> by
    /// activation scale x weight scale. Standard ONNX operators; ORT fuses them into its MatMulIntegerToFloat kernel.
    /// </summary>
    MatMulInteger,

    /// <summary>The <c>com.microsoft</c> contrib operator <c>DynamicQuantizeMatMul</c>: quantizes and multiplies in one node (ORT only).</summary>
    DynamicQuantizeMatMul,
}
