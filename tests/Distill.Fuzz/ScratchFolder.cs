namespace Distill.Fuzz;

/// <summary>
/// A private folder in memory (/dev/shm when there is one) where each input is written as the file a parser
/// reads: the parsers take paths, as users hand them files, so the fuzzer goes through the same entry points.
/// </summary>
public sealed class ScratchFolder : IDisposable
{
    public ScratchFolder()
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath();
        // Unique per instance: the unit tests replaying saved inputs run several at once in one process.
        Path = Directory.CreateDirectory(System.IO.Path.Combine(root, $"distill-fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}")).FullName;
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="name"/> in the folder and returns its path.</summary>
    public string Write(string name, ReadOnlySpan<byte> bytes)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(path, bytes.ToArray());
        return path;
    }

    /// <summary>Empties the folder, so one input's files never leak into the next.</summary>
    public void Clear()
    {
        foreach (var file in Directory.EnumerateFiles(Path)) File.Delete(file);
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a second harness on the same pid namespace; nothing to keep */ }
    }
}
