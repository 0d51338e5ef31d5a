using System.Runtime.InteropServices;
using Distill.Runtime;
using Distill.Students;

namespace Distill.Tests.Runtime;

public class NativeHeapTests
{
    [Fact]
    public void Trim_hands_freed_heap_memory_back_that_the_allocator_kept()
    {
        if (!OperatingSystem.IsLinux()) return; // malloc_trim is glibc's; elsewhere Trim says false (asserted below)
        // Issue 15's pattern, without libtorch: many blocks below glibc's mmap threshold, all freed but the last, which
        // pins the top of the heap, so glibc cannot shrink it and the freed pages stay resident until malloc_trim.
        const int block = 64 << 10, blocks = 3200; // 200 MiB
        var pointers = new IntPtr[blocks];
        for (var i = 0; i < blocks; i++)
        {
            pointers[i] = Marshal.AllocHGlobal(block); // malloc on Unix
            for (var page = 0; page < block; page += 4096) Marshal.WriteByte(pointers[i], page, 1); // touched, so resident
        }
        try
        {
            for (var i = 0; i < blocks - 1; i++) Marshal.FreeHGlobal(pointers[i]);
            var kept = ProcessMemory.ResidentBytes();
            Assert.True(NativeHeap.Trim());
            var trimmed = ProcessMemory.ResidentBytes();
            Assert.True(kept - trimmed > 100L << 20, $"resident {kept >> 20} MiB before malloc_trim, {trimmed >> 20} MiB after");
        }
        finally
        {
            Marshal.FreeHGlobal(pointers[^1]);
        }
    }

    [Fact]
    public void Trim_can_be_turned_off_to_measure_without_it()
    {
        Environment.SetEnvironmentVariable("DISTILL_MALLOC_TRIM", "0");
        try
        {
            Assert.False(NativeHeap.Trim());
        }
        finally
        {
            Environment.SetEnvironmentVariable("DISTILL_MALLOC_TRIM", null);
        }
    }
}
