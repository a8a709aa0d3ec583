using System.Runtime.InteropServices;

namespace Livepeer.Benchmarks;

/// <summary>
/// CPU time consumed by this process, all threads (Linux <c>CLOCK_PROCESS_CPUTIME_ID</c>, nanosecond resolution). On a
/// shared machine it is what the cores spent on the work, the garbage collector's threads included, whereas wall time
/// also counts the time other processes held the cores.
/// </summary>
internal static partial class ProcessCpuTime
{
    private const int ClockProcessCpuTimeId = 2;

    public static TimeSpan Now()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockProcessCpuTimeId, out var time) != 0)
            throw new PlatformNotSupportedException("process CPU time needs Linux clock_gettime");
        return TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / TimeSpan.NanosecondsPerTick));
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
