using System.Globalization;

namespace Livepeer.Benchmarks;

/// <summary>
/// CPU spent between two samples (Linux <c>/proc</c>): by this process, by its finished children (ffmpeg), and by the
/// whole machine, so that a latency figure can be read beside how saturated the cores were and by whom.
/// </summary>
internal readonly record struct CpuUsage(TimeSpan Process, TimeSpan Children, TimeSpan MachineBusy, TimeSpan MachineTotal, long Timestamp)
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1.0 / 100); // USER_HZ, 100 on Linux

    public static CpuUsage Now()
    {
        // /proc/self/stat: fields after the ")" that ends the command name; utime, stime, cutime, cstime are fields 14-17.
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var children = Ticks(fields[13]) + Ticks(fields[14]);
        // /proc/stat "cpu" line: user nice system idle iowait irq softirq steal; idle and iowait are not busy.
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..9].Select(long.Parse).ToArray();
        var total = cpu.Sum();
        return new CpuUsage(ProcessCpuTime.Now(), Tick * children, Tick * (total - cpu[3] - cpu[4]), Tick * total, System.Diagnostics.Stopwatch.GetTimestamp());
    }

    /// <summary>Cores used on average since <paramref name="start"/>: this process, its children, the machine's busy share.</summary>
    public string Since(CpuUsage start)
    {
        var wall = System.Diagnostics.Stopwatch.GetElapsedTime(start.Timestamp, Timestamp);
        var busy = (MachineBusy - start.MachineBusy) / (MachineTotal - start.MachineTotal);
        return string.Create(CultureInfo.InvariantCulture,
            $"node {(Process - start.Process) / wall:0.00} cores, ffmpeg {(Children - start.Children) / wall:0.00} cores, machine {busy:P0} busy of {Environment.ProcessorCount} cores");
    }

    public TimeSpan NodeCpuSince(CpuUsage start) => Process - start.Process + Children - start.Children;

    private static long Ticks(string field) => long.Parse(field, CultureInfo.InvariantCulture);
}
