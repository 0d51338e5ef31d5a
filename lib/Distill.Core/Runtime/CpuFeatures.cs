namespace Distill.Runtime;

/// <summary>
/// The CPU's instruction-set flags (from /proc/cpuinfo) that decide how fast int8 matrix products run (issue 16):
/// VNNI (avx512_vnni, avx_vnni) does a u8 x s8 multiply-accumulate into int32 in one instruction; plain AVX2 needs
/// three (vpmaddubsw, vpmaddwd, vpaddd), so int8 gains less over float32 there; AMX tiles go further still.
/// </summary>
public static class CpuFeatures
{
    /// <summary>The int8-relevant flags, strongest first, that this CPU reports.</summary>
    public static readonly IReadOnlyList<string> Int8Flags = ["amx_int8", "avx512_vnni", "avx_vnni", "avx512bw", "avx2"];

    /// <summary>All flags of the first processor, or an empty set where /proc/cpuinfo is absent.</summary>
    public static IReadOnlySet<string> Flags()
    {
        const string path = "/proc/cpuinfo";
        if (!File.Exists(path)) return new HashSet<string>();
        foreach (var line in File.ReadLines(path))
            if (line.StartsWith("flags", StringComparison.Ordinal) && line.Contains(':'))
                return line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return new HashSet<string>();
    }

    /// <summary>E.g. "avx2 (no VNNI: int8 products take the vpmaddubsw path)".</summary>
    public static string Int8DotProductSummary()
    {
        var flags = Flags();
        var present = Int8Flags.Where(flags.Contains).ToArray();
        if (present.Length == 0) return flags.Count == 0 ? "unknown (no /proc/cpuinfo)" : "none of " + string.Join(", ", Int8Flags);
        var vnni = present.Any(f => f.Contains("vnni", StringComparison.Ordinal) || f == "amx_int8");
        return string.Join(", ", present) + (vnni ? "" : " (no VNNI: int8 products take AVX2's vpmaddubsw path)");
    }
}
