using Distill.Students.Inference;
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
    public static (Tensor Ids, Tensor? Mask) Inputs(IReadOnlyList<int[]> windows, int padId, Device device) =>
        Inputs(PieceBatch.Pad(windows, padId), device);

    /// <summary>The tensors of a padded host batch (mask null when nothing is padded).</summary>
    public static (Tensor Ids, Tensor? Mask) Inputs(PieceBatch batch, Device device)
    {
        long[] shape = [batch.BatchSize, batch.Length];
        var ids = tensor(batch.InputIds, shape, device: device);
        return (ids, batch.Padded ? tensor(batch.AttentionMask, shape, device: device) : null);
    }
}
