using System.Security.Cryptography;

namespace Distill.Reporting;

/// <summary>A file a run read, with its content hash, so a later reader can tell whether the data changed.</summary>
public sealed record FileHash(string Path, string Sha256, long Bytes)
{
    public static async Task<FileHash> OfAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return new FileHash(System.IO.Path.GetFullPath(path), Convert.ToHexStringLower(hash), stream.Length);
    }
}
