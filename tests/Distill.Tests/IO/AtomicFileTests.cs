using System.Text;
using Distill.IO;

namespace Distill.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), $"atomic-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void WriteAllText_creates_missing_folders_replaces_the_old_file_and_writes_utf8_without_bom()
    {
        var path = Path.Combine(folder, "a", "b", "x.txt");
        AtomicFile.WriteAllText(path, "old");
        AtomicFile.WriteAllText(path, "néw");
        Assert.Equal(Encoding.UTF8.GetBytes("néw"), File.ReadAllBytes(path));
        Assert.Equal(["x.txt"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteAllBytes_and_Write_with_a_temporary_path_land_in_place()
    {
        var bytesPath = Path.Combine(folder, "x.bin");
        AtomicFile.WriteAllBytes(bytesPath, [1, 2, 3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(bytesPath));

        var viaPath = Path.Combine(folder, "y.bin");
        string? seen = null;
        AtomicFile.Write(viaPath, temp => { seen = temp; File.WriteAllBytes(temp, [9]); });
        Assert.NotEqual(Path.GetFullPath(viaPath), seen);
        Assert.Equal(Path.GetDirectoryName(Path.GetFullPath(viaPath)), Path.GetDirectoryName(seen));
        Assert.Equal(new byte[] { 9 }, File.ReadAllBytes(viaPath));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void A_failing_write_keeps_the_old_file_and_removes_the_temporary_one()
    {
        var path = Path.Combine(folder, "keep.txt");
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, temp =>
        {
            File.WriteAllText(temp, "half");
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["keep.txt"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Async_writers_replace_the_file_and_a_cancelled_write_leaves_the_old_one()
    {
        var path = Path.Combine(folder, "lines.jsonl");
        await AtomicFile.WriteAllTextAsync(path, "old\n");
        await AtomicFile.WriteTextAsync(path, async writer =>
        {
            await writer.WriteLineAsync("one");
            await writer.WriteLineAsync("twö");
        });
        Assert.Equal(Encoding.UTF8.GetBytes("one\ntwö\n".Replace("\n", Environment.NewLine)), await File.ReadAllBytesAsync(path));

        using var cancelled = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAsync(path, async stream =>
        {
            await stream.WriteAsync("new"u8.ToArray());
            await cancelled.CancelAsync();
        }, cancelled.Token));
        Assert.Equal(["lines.jsonl"], Directory.GetFiles(folder).Select(Path.GetFileName));
        Assert.Equal("one\ntwö\n".Replace("\n", Environment.NewLine), await File.ReadAllTextAsync(path));
    }
}
