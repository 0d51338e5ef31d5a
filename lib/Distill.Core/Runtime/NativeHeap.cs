using System.Runtime.InteropServices;

namespace Distill.Runtime;

/// <summary>
/// glibc's allocator, which libtorch's CPU tensors come from. Freed tensor memory below glibc's mmap threshold (which
/// rises to 32 MiB as large blocks are freed) stays in the allocator's arenas rather than going back to the system, so
/// resident memory after an epoch is mostly free heap although no tensor is alive (issue 15; MiniLM on 24 NCBI notes,
/// 512-piece windows: 2.07-2.30 GiB after each of 6 epochs without trimming, 0.97-0.74 GiB with it; Students/README.md,
/// "Memory across epochs"). <see cref="Trim"/> hands the free pages back.
/// Everywhere but glibc-based Linux the calls do nothing and say so.
/// </summary>
public static class NativeHeap
{
    [DllImport("libc", EntryPoint = "malloc_trim")]
    static extern int MallocTrim(nuint pad);

    /// <summary>
    /// Returns the allocator's free memory to the system (glibc <c>malloc_trim(0)</c>); false where unavailable, or when
    /// the environment sets <c>DISTILL_MALLOC_TRIM=0</c> (to measure what the allocator keeps without it).
    /// </summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("DISTILL_MALLOC_TRIM") == "0") return false;
        try
        {
            MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // musl (Alpine) has no malloc_trim, and no arenas to trim
        }
    }
}
