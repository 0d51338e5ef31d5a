using System.Runtime.InteropServices;

namespace Distill.IO;

/// <summary>
/// fsync(2) for files and directories, so a rename that publishes them happens only after their bytes are on disk:
/// without it a power cut after the rename can leave a complete-looking name over empty or partial files (ext4's
/// delayed allocation). The directory's own fsync makes the rename itself durable. On Windows only files are flushed
/// (directories cannot be opened for flushing there, and NTFS journals renames).
/// </summary>
internal static class FileSync
{
    const int ReadOnly = 0; // O_RDONLY

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
#pragma warning disable CA2101, SYSLIB1054 // a plain UTF-8 path (Linux paths are bytes); DllImport keeps the project free of unsafe code
    static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
#pragma warning restore CA2101, SYSLIB1054

#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    static extern int Close(int fd);
#pragma warning restore SYSLIB1054

    /// <summary>Flushes one file's data and metadata to disk.</summary>
    public static void File(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
            stream.Flush(flushToDisk: true);
            return;
        }
        FsyncPath(path);
    }

    /// <summary>Flushes a directory's entries (names created, renamed or removed in it) to disk.</summary>
    public static void Directory(string path)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) FsyncPath(path);
    }

    /// <summary>Flushes every file under <paramref name="root"/>, then every directory, deepest first, then the root.</summary>
    public static void Tree(string root)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)) File(file);
        foreach (var dir in System.IO.Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length)) Directory(dir);
        Directory(root);
    }

    static void FsyncPath(string path)
    {
        var fd = Open(path, ReadOnly);
        if (fd < 0) throw new IOException($"cannot open '{path}' to flush it to disk (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"fsync of '{path}' failed (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally
        {
            Close(fd);
        }
    }
}
