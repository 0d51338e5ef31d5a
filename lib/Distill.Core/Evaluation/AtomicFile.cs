using System.Text;

namespace Distill.Evaluation;

/// <summary>Writes a file through a temporary file in the same folder renamed into place, so readers never see half a file.</summary>
public static class AtomicFile
{
    public static async Task WriteAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await write(stream);
                cancellationToken.ThrowIfCancellationRequested();
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            // Only the temporary file is ours to clean up; the error itself goes to the caller.
            File.Delete(temp);
            throw;
        }
    }

    public static Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken = default) =>
        WriteAsync(path, async stream =>
        {
            var bytes = new UTF8Encoding(false).GetBytes(text);
            await stream.WriteAsync(bytes, cancellationToken);
        }, cancellationToken);
}
