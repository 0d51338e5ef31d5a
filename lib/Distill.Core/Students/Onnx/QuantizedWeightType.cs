namespace Distill.Students.Onnx;

/// <summary>How weights are stored after dynamic quantization (ORT's <c>QuantType</c>).</summary>
public enum QuantizedWeightType
{
    /// <summary>Signed 8-bit, symmetric: zero point 0 (<c>QuantType.QInt8</c>).</summary>
    Int8,

    /// <summary>Unsigned 8-bit, asymmetric: a zero point per scale (<c>QuantType.QUInt8</c>).</summary>
    UInt8,
}
