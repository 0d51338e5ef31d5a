namespace Distill.Fuzz;

/// <summary>
/// The process's peak resident memory per input, from Linux's VmHWM (reset by writing 5 to /proc/self/clear_refs):
/// a parser that allocates far more than its input, even briefly and in native code, is a crash
/// (issue 15: "hostile files fail in bounded memory").
/// </summary>
public static class PeakMemory
{
    /// <summary>Starts a new peak measurement; false where the kernel does not allow it (not Linux).</summary>
    public static bool Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Peak resident bytes since the last <see cref="Reset"/>, or null off Linux.</summary>
    public static long? PeakBytes()
    {
        if (!File.Exists("/proc/self/status")) return null;
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        return null;
    }
}
