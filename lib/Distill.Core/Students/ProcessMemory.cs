namespace Distill.Students;

/// <summary>
/// Resident memory of this process from /proc/self/status: it includes libtorch's native allocations,
/// which the .NET GC does not see, so it is what shows a tensor leak.
/// </summary>
internal static class ProcessMemory
{
    /// <summary>Current resident set size in bytes (VmRSS).</summary>
    public static long ResidentBytes() => Read("VmRSS:") ?? Environment.WorkingSet;

    /// <summary>Peak resident set size in bytes (VmHWM), or the current size where /proc is absent.</summary>
    public static long PeakResidentBytes() => Read("VmHWM:") ?? Environment.WorkingSet;

    static long? Read(string field)
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path)) return null;
        foreach (var line in File.ReadLines(path))
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var parts = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        return null;
    }
}
