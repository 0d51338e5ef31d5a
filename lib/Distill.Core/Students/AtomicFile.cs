namespace Distill.Students;

/// <summary>
/// Writes files through a temporary sibling and a rename, so an interrupted run (Ctrl+C, crash)
/// leaves either the old file or the new one, never half of one.
/// </summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text) => Write(path, tmp => File.WriteAllText(tmp, text));

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, tmp => File.WriteAllBytes(tmp, bytes));

    /// <summary>Calls <paramref name="writeTo"/> with a temporary path, then moves it over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> writeTo)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            writeTo(tmp);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }
}
