
namespace Distill.Corpora;

/// <summary>Outcome of checking one expected file.</summary>
public enum FileCheckStatus
{
    /// <summary>Present and every known property (size, sha256, count) matches.</summary>
    Ok,

    /// <summary>Present; the manifest knows no hash or size to compare (data behind an agreement).</summary>
    PresentUnhashed,

    Missing,
    SizeMismatch,
    HashMismatch,
    CountMismatch,
}

/// <summary>One row of a verification: what was expected and what was found.</summary>
public sealed record FileCheck(string Path, FileCheckStatus Status, string Expected, string Actual)
{
    public bool Passed => Status is FileCheckStatus.Ok or FileCheckStatus.PresentUnhashed;
}

/// <summary>All rows for one dataset folder; <see cref="Passed"/> only when none is missing or differs.</summary>
public sealed record ManifestVerification(DataManifest Manifest, string Directory, IReadOnlyList<FileCheck> Files)
{
    public bool Passed => Files.All(f => f.Passed);
}

/// <summary>Checks a dataset folder against its manifest: presence, byte size, sha256, pattern counts.</summary>
public static class ManifestVerifier
{
    /// <summary>
    /// Checks every file of <paramref name="manifest"/> under <paramref name="dir"/>; <paramref name="progress"/>
    /// receives each file's relative path before it is hashed (large files take a while).
    /// </summary>
    public static async Task<ManifestVerification> VerifyAsync(
        DataManifest manifest, string dir, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"Dataset folder for '{manifest.Name}' not found: {dir}");
        var checks = new List<FileCheck>();
        foreach (var file in manifest.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(file.Path);
            checks.Add(file.IsPattern ? CheckPattern(file, dir) : await CheckFileAsync(file, dir, cancellationToken));
        }
        return new ManifestVerification(manifest, dir, checks);
    }

    static FileCheck CheckPattern(ManifestFile file, string dir)
    {
        var folder = Path.Combine(dir, Path.GetDirectoryName(file.Path) ?? "");
        var pattern = Path.GetFileName(file.Path);
        var found = Directory.Exists(folder) ? Directory.GetFiles(folder, pattern).Length : 0;
        var expected = file.Count is { } n ? $"{n} files" : "at least 1 file";
        var status = found == 0 ? FileCheckStatus.Missing
            : file.Count is { } c && c != found ? FileCheckStatus.CountMismatch
            : FileCheckStatus.Ok;
        return new FileCheck(file.Path, status, expected, $"{found} files");
    }

    static async Task<FileCheck> CheckFileAsync(ManifestFile file, string dir, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dir, file.Path);
        if (!File.Exists(path))
            return new FileCheck(file.Path, FileCheckStatus.Missing, Describe(file.Bytes, file.Sha256), "missing");
        var bytes = new FileInfo(path).Length;
        if (file.Bytes is { } expectedBytes && expectedBytes != bytes)
            return new FileCheck(file.Path, FileCheckStatus.SizeMismatch, Describe(file.Bytes, file.Sha256), $"{bytes} bytes");
        if (file.Sha256 is null)
            return new FileCheck(file.Path, file.Bytes is null ? FileCheckStatus.PresentUnhashed : FileCheckStatus.Ok, Describe(file.Bytes, null), $"{bytes} bytes");
        var sha = await IO.FileSha256.OfAsync(path, cancellationToken);
        return new FileCheck(file.Path, string.Equals(sha, file.Sha256, StringComparison.OrdinalIgnoreCase) ? FileCheckStatus.Ok : FileCheckStatus.HashMismatch,
            Describe(file.Bytes, file.Sha256), $"{bytes} bytes, sha256 {sha}");
    }

    static string Describe(long? bytes, string? sha) =>
        (bytes, sha) switch
        {
            (null, null) => "present",
            ({ } b, null) => $"{b} bytes",
            (null, { } s) => $"sha256 {s}",
            ({ } b, { } s) => $"{b} bytes, sha256 {s}",
        };
}
