using static TorchSharp.torch;

namespace Distill.Students.Tokenization;

/// <summary>Pads windows of different lengths into one (B, T) batch of ids and its attention mask.</summary>
internal static class WindowBatch
{
    /// <summary>
    /// (B, T) ids padded with <paramref name="padId"/> and a (B, T) mask, or a null mask when every
    /// window has the same length (no padding, so attention can take libtorch's unmasked fast path).
    /// Tensors are created in the caller's dispose scope.
    /// </summary>
    public static (Tensor Ids, Tensor? Mask) Inputs(IReadOnlyList<int[]> windows, int padId, Device device)
    {
        var b = windows.Count;
        var t = windows.Max(w => w.Length);
        var ids = new long[b * t];
        Array.Fill(ids, padId);
        var needsMask = windows.Any(w => w.Length != t);
        var mask = needsMask ? new long[b * t] : null;
        for (var i = 0; i < b; i++)
            for (var j = 0; j < windows[i].Length; j++)
            {
                ids[i * t + j] = windows[i][j];
                if (mask is not null) mask[i * t + j] = 1;
            }
        var idTensor = tensor(ids, [b, t], device: device);
        return (idTensor, mask is null ? null : tensor(mask, [b, t], device: device));
    }
}
