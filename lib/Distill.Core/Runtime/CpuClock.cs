using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Distill.Runtime;

/// <summary>
/// CPU seconds this process has used, all threads together (Linux: clock_gettime(CLOCK_PROCESS_CPUTIME_ID), in
/// nanoseconds). On a machine shared with other work, a call's CPU time measures its own work, where its wall
/// time also counts the time other processes held the cores.
/// </summary>
internal static class CpuClock
{
    const int ProcessCpuTimeId = 2; // CLOCK_PROCESS_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    static extern int ClockGetTime(int clock, out TimeSpec time);

    public static double ProcessSeconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ProcessCpuTimeId, out var t) == 0) return t.Seconds + t.Nanoseconds * 1e-9;
        return Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds; // elsewhere: clock-tick resolution
    }
}
