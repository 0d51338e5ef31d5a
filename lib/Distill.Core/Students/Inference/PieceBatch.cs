namespace Distill.Students.Inference;

/// <summary>
/// A padded batch of word-piece windows on the host, row-major (B, T): ids padded with the pad id, and the
/// attention mask (1 = piece, 0 = padding). <see cref="Padded"/> is false when every window fills the batch's
/// length, which lets a backend skip the mask (TorchSharp's unmasked attention is its fastest path).
/// </summary>
public sealed record PieceBatch(long[] InputIds, long[] AttentionMask, int BatchSize, int Length, bool Padded)
{
    /// <summary>Pads <paramref name="windows"/> to the longest one.</summary>
    public static PieceBatch Pad(IReadOnlyList<int[]> windows, int padId)
    {
        ArgumentOutOfRangeException.ThrowIfZero(windows.Count);
        var b = windows.Count;
        var t = windows.Max(w => w.Length);
        var ids = new long[b * t];
        var mask = new long[b * t];
        Array.Fill(ids, padId);
        for (var i = 0; i < b; i++)
            for (var j = 0; j < windows[i].Length; j++)
            {
                ids[i * t + j] = windows[i][j];
                mask[i * t + j] = 1;
            }
        return new PieceBatch(ids, mask, b, t, windows.Any(w => w.Length != t));
    }
}
