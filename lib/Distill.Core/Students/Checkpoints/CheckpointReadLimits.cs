namespace Distill.Students.Checkpoints;

/// <summary>
/// How much a checkpoint reader may decompress and allocate, so a small hostile file fails with a message instead of
/// exhausting memory (issue 15: a 562-byte pytorch_model.bin asked for 2.27 GB, 522 KB of deflated zeros for
/// 1.22 GB). Every declared size is compared with these limits, and with the file, before anything is read.
/// </summary>
/// <param name="MaxTensorBytes">Upper bound on the stored bytes of all tensors together; null: bounded by the file
/// only (twice its size for a zip, whose storages torch.save writes uncompressed).</param>
public sealed record CheckpointReadLimits(long? MaxTensorBytes = null)
{
    /// <summary>Largest <c>data.pkl</c> accepted: a BERT state dict's pickle is tens of kilobytes.</summary>
    public const long MaxPickleBytes = 64L << 20;

    public static CheckpointReadLimits Default { get; } = new();

    /// <summary>
    /// Limits for the weights of a model of <paramref name="parameters"/> parameters: every parameter in float64 (the
    /// widest dtype), plus pre-training heads a token classifier ignores (<paramref name="unusedAllowance"/> elements),
    /// plus 16 MiB for buffers.
    /// </summary>
    public static CheckpointReadLimits ForModel(long parameters, long unusedAllowance) =>
        new(checked((parameters + unusedAllowance) * 8 + (16L << 20)));
}
