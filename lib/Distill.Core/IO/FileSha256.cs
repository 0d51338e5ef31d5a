using System.Security.Cryptography;

namespace Distill.IO;

/// <summary>
/// Lower-case hex sha256 of a file's bytes: the one file hash of the project, so data manifests, run reports, imported
/// weights and the ADE calibration record all compare the same way.
/// </summary>
public static class FileSha256
{
    public static string Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static async Task<string> OfAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
