using System.Diagnostics;
using System.Globalization;
using System.Net;
using Livepeer.Integration.Tests.Fleet;
using Livepeer.Integration.Tests.Media;
using Livepeer.Integration.Tests.Node;

namespace Livepeer.Benchmarks.Soak;

/// <summary>
/// Memory over time under live load: an embedded node as its own process, <c>--streams</c> streams of 2-s segments
/// pushed at live pace for <c>--minutes</c>, the node's RSS (<c>/proc/PID/status</c> VmRSS) and managed heap (its own
/// <c>/metrics</c>: the GC heap size after the last collection) sampled every 10 s. Exit code 1 if any segment failed.
/// </summary>
public static class SoakBenchmark
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SegmentDuration = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(string[] args)
    {
        var minutes = Option(args, "--minutes", 3);
        var streams = Option(args, "--streams", 1);
        var directory = Path.Combine(Path.GetTempPath(), "livepeer-bench-soak", Guid.NewGuid().ToString("N"));
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var node = new SiloProcess("node", directory, "", redis: null, ["--Logging:LogLevel:Default=Warning"]);
        try
        {
            var segment = await Ffmpeg.GenerateSegmentAsync(directory, 640, 360, SegmentDuration.TotalSeconds);
            await node.StartAsync(http, TimeSpan.FromMinutes(2));
            var count = (int)(TimeSpan.FromMinutes(minutes) / SegmentDuration);
            Console.WriteLine($"soak: {streams} stream(s) × {count} live-paced 640×360 2-s segments ({minutes} min) into node pid {node.ProcessId}; " +
                $"cores: {Environment.ProcessorCount}; figures are noisy on a shared machine");
            Console.WriteLine("  t (s)   RSS (MiB)   managed heap (MiB)   of which gen2 (MiB)   of which LOH (MiB)   segments ok");

            var pushes = Enumerable.Range(0, streams)
                .Select(i => new LiveStream(http, node.HttpUrl, $"soak-{i}", segment, SegmentDuration))
                .ToList();
            var running = Task.WhenAll(pushes.Select(p => p.PushAsync(count)));
            var samples = new List<(double Seconds, double Rss, double Heap, double Gen2, double Loh)>();
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var rss = ReadRssMiB(node.ProcessId);
                var (heap, gen2, loh) = await ReadManagedHeapMiBAsync(http, node.HttpUrl);
                samples.Add((clock.Elapsed.TotalSeconds, rss, heap, gen2, loh));
                var ok = pushes.Sum(p => p.Results.Count(r => r.Status == HttpStatusCode.OK));
                Console.WriteLine($"{clock.Elapsed.TotalSeconds,7:0}   {rss,9:0.0}   {heap,18:0.0}   {gen2,19:0.0}   {loh,18:0.0}   {ok,11}");
                if (running.IsCompleted)
                    break;
                await Task.WhenAny(running, Task.Delay(SampleInterval));
            }
            await running;

            Summarize("RSS", samples.Select(s => (s.Seconds, s.Rss)).ToList());
            Summarize("managed heap", samples.Select(s => (s.Seconds, s.Heap)).ToList());
            Summarize("gen2", samples.Select(s => (s.Seconds, s.Gen2)).ToList());
            Summarize("LOH", samples.Select(s => (s.Seconds, s.Loh)).ToList());
            var failed = pushes.SelectMany(p => p.Results).Where(r => r.Status != HttpStatusCode.OK).ToList();
            Console.WriteLine($"segments: {pushes.Sum(p => p.Results.Count)} pushed, {failed.Count} failed");
            foreach (var (seqNo, status, body, _) in failed.Take(5))
                Console.WriteLine($"  segment {seqNo}: {(int)status} {body[..Math.Min(body.Length, 200)]}");
            if (failed.Count > 0 || !node.IsRunning)
                Environment.ExitCode = 1;
        }
        finally
        {
            await node.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static double ReadRssMiB(int pid)
    {
        // "VmRSS:    123456 kB"
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>
    /// The node's GC heap after its last collection, all generations, gen2 alone and the large-object heap alone (the
    /// System.Runtime meter on its <c>/metrics</c>): growth only in the young generations is garbage not yet collected,
    /// growth in gen2 is what lives on; the LOH (segments and renditions above 85 KB) is only swept by gen2 collections,
    /// so it holds dead segments until the GC's LOH budget runs out.
    /// </summary>
    private static async Task<(double All, double Gen2, double Loh)> ReadManagedHeapMiBAsync(HttpClient http, Uri node)
    {
        const string Heap = "dotnet_gc_last_collection_heap_size_bytes";
        const double MiB = 1024.0 * 1024.0;
        var metrics = PrometheusText.Parse(await http.GetStringAsync(new Uri(node, "/metrics")));
        return (metrics.Sum(Heap) / MiB, metrics.Sum(Heap, "gc_heap_generation=\"gen2\"") / MiB, metrics.Sum(Heap, "gc_heap_generation=\"loh\"") / MiB);
    }

    /// <summary>First, last, max and the least-squares slope in MiB per minute.</summary>
    private static void Summarize(string what, IReadOnlyList<(double Seconds, double MiB)> series)
    {
        var meanT = series.Average(s => s.Seconds);
        var meanM = series.Average(s => s.MiB);
        var variance = series.Sum(s => (s.Seconds - meanT) * (s.Seconds - meanT));
        var slope = variance > 0 ? series.Sum(s => (s.Seconds - meanT) * (s.MiB - meanM)) / variance * 60 : 0;
        Console.WriteLine($"{what}: first {series[0].MiB:0.0} MiB, last {series[^1].MiB:0.0} MiB, max {series.Max(s => s.MiB):0.0} MiB, slope {slope:+0.00;-0.00} MiB/min");
    }
}
