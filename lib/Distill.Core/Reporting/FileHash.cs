using Distill.IO;

namespace Distill.Reporting;

/// <summary>A file a run read, with its content hash, so a later reader can tell whether the data changed.</summary>
public sealed record FileHash(string Path, string Sha256, long Bytes)
{
    /// <summary>Hashes with <see cref="FileSha256"/>, the hash data manifests record, so the two compare.</summary>
    public static async Task<FileHash> OfAsync(string path, CancellationToken cancellationToken = default)
    {
        var sha256 = await FileSha256.OfAsync(path, cancellationToken);
        return new FileHash(System.IO.Path.GetFullPath(path), sha256, new FileInfo(path).Length);
    }
}
