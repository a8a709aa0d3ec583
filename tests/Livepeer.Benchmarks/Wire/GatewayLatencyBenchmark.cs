using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Livepeer.Integration.Tests.Media;
using Livepeer.Monitoring;
using Livepeer.Net;
using Livepeer.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Benchmarks.Wire;

/// <summary>
/// Gateway-added latency per segment: the time a pushed segment takes at the gateway (<c>POST /live/…</c> until its
/// renditions are back) minus the time the orchestrator spent on its <c>POST /segment</c> (payment, transcode, result),
/// measured by the orchestrator's own side of the same node over the loopback wire, with the gateway's own stages
/// (the <see cref="GatewayTracing"/> spans) beside it. Goal: p50 &lt; 5 ms, p99 &lt; 20 ms.
/// </summary>
/// <remarks>
/// The orchestrator's work is real (an ffmpeg transcode of a small segment to one profile), so each segment costs a
/// few hundred ms of CPU whatever the gateway does. Pushed back to back, 10 or 50 streams saturate a 2-core box and
/// "gateway-added" then measures the wait for a core. By default each stream therefore pushes like a live encoder, one
/// segment per interval, the streams evenly staggered, with the interval stretched so the node's measured CPU per
/// segment stays within <c>--cpu-budget</c> cores; <c>--closed-loop</c> pushes back to back as before. Every row
/// prints the CPU it used and the machine's busy share (the machine is shared).
/// </remarks>
public static class GatewayLatencyBenchmark
{
    private static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(500);

    private static readonly string[] Stages =
    [
        GatewayTracing.Select, GatewayTracing.Refresh, GatewayTracing.Tickets, GatewayTracing.Credentials, GatewayTracing.Submit,
        GatewayTracing.Download, GatewayTracing.Verify, GatewayTracing.Playlist,
    ];

    public static async Task RunAsync(int segments, bool closedLoop, double cpuBudget)
    {
        var directory = Path.Combine(Path.GetTempPath(), "livepeer-bench-gateway", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var httpPort = FreePort();
        var app = NodeHost.Build(
        [
            $"--httpAddr=127.0.0.1:{httpPort}", $"--serviceAddr=127.0.0.1:{FreePort()}", $"--siloPort={FreePort()}",
            $"--orleansGatewayPort={FreePort()}", $"--dataDir={Path.Combine(directory, "node")}", "--Logging:LogLevel:Default=Warning",
            "--transcodingOptions=P144p30fps16x9", "--maxSessions=200",
        ]);
        // The orchestrator's own time for each segment, keyed by manifest ID and sequence number.
        var orchestratorMs = new ConcurrentDictionary<(string, long), double>();
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            if (context.Request.Path != "/segment" || context.Request.Headers["Livepeer-Segment"].ToString() is not { Length: > 0 } header)
            {
                await next(context);
                return;
            }
            var started = Stopwatch.GetTimestamp();
            await next(context);
            var segData = SegData.Parser.ParseFrom(Convert.FromBase64String(header));
            orchestratorMs[(segData.ManifestId.ToStringUtf8(), segData.Seq)] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        });
        // The gateway's stages of each segment, summed over its attempts.
        var stageMs = new ConcurrentDictionary<(string, long), ConcurrentDictionary<string, double>>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GatewayTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var segment = activity;
                while (segment is not null && segment.OperationName != GatewayTracing.Segment)
                    segment = segment.Parent;
                if (segment?.GetTagItem(GatewayTracing.ManifestIdTag) is string manifestId && segment.GetTagItem(GatewayTracing.SeqNoTag) is long seq)
                    stageMs.GetOrAdd((manifestId, seq), _ => new()).AddOrUpdate(activity.OperationName, activity.Duration.TotalMilliseconds, (_, ms) => ms + activity.Duration.TotalMilliseconds);
            },
        };
        ActivitySource.AddActivityListener(listener);
        await app.StartAsync();
        try
        {
            var segment = await Ffmpeg.GenerateSegmentAsync(directory, 160, 90, Duration.TotalSeconds);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromMinutes(5) };
            // Warm up (JIT, connections, the session) and measure the node's CPU per segment, transcode included.
            for (var seq = 0; seq < 3; seq++)
                await PushAsync(http, "warmup", seq, segment);
            var warm = CpuUsage.Now();
            const int warmups = 5;
            for (var seq = 3; seq < 3 + warmups; seq++)
                await PushAsync(http, "warmup", seq, segment);
            var cpuPerSegment = CpuUsage.Now().NodeCpuSince(warm) / warmups;

            Console.WriteLine();
            Console.WriteLine("Gateway-added latency per segment: end to end at the gateway minus the orchestrator's own POST /segment time;");
            Console.WriteLine($"one node (gateway to its own orchestrator over loopback TLS), 160x90 {Duration.TotalSeconds:0.0} s segment to P144p30fps16x9 by ffmpeg;");
            Console.WriteLine(closedLoop
                ? "closed loop: each stream pushes its next segment as soon as the last returns"
                : string.Create(CultureInfo.InvariantCulture, $"live pacing: each stream pushes one segment per interval, staggered, the interval stretched to keep the node within {cpuBudget:0.0} cores"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"node CPU per segment (gateway + orchestrator + ffmpeg), measured in warm-up: {cpuPerSegment.TotalMilliseconds:0} ms; noisy on a shared machine"));
            Console.WriteLine("streams  interval  samples  end-to-end p50/p99 ms  orchestrator p50/p99 ms  gateway-added p50/p99 ms  goal p50 < 5, p99 < 20");
            foreach (var streams in new[] { 1, 10, 50 })
            {
                var interval = closedLoop ? TimeSpan.Zero : Max(Duration, cpuPerSegment * streams / cpuBudget);
                var samples = new ConcurrentBag<(string ManifestId, long Seq, double EndToEnd)>();
                var failures = new ConcurrentBag<string>();
                var perStream = Math.Max(2, segments / streams);
                var cpu = CpuUsage.Now();
                var start = Stopwatch.GetTimestamp();
                await Task.WhenAll(Enumerable.Range(0, streams).Select(async s =>
                {
                    var manifestId = $"bench-{streams}-{s}";
                    var offset = interval * s / streams;
                    for (var seq = 0; seq < perStream; seq++)
                    {
                        var due = offset + (interval * seq) - Stopwatch.GetElapsedTime(start);
                        if (due > TimeSpan.Zero)
                            await Task.Delay(due);
                        try
                        {
                            samples.Add((manifestId, seq, await PushAsync(http, manifestId, seq, segment)));
                        }
                        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException)
                        {
                            failures.Add(e.Message);
                        }
                    }
                }));
                var used = CpuUsage.Now().Since(cpu);
                if (samples.IsEmpty)
                {
                    Console.WriteLine($"{streams,7}  every push failed, e.g. {failures.First()}");
                    continue;
                }
                var e = Percentiles(samples.Select(x => x.EndToEnd));
                var o = Percentiles(samples.Select(x => orchestratorMs[(x.ManifestId, x.Seq)]));
                var g = Percentiles(samples.Select(x => x.EndToEnd - orchestratorMs[(x.ManifestId, x.Seq)]));
                var verdict = g.P50 < 5 && g.P99 < 20 ? "met" : "not met";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{streams,7}  {interval.TotalSeconds,6:0.0} s  {samples.Count,7}  {e.P50,8:0.0} / {e.P99,7:0.0}     {o.P50,9:0.0} / {o.P99,7:0.0}        {g.P50,9:0.0} / {g.P99,7:0.0}         {verdict}"));
                Console.WriteLine($"         CPU: {used}");
                Console.WriteLine($"         stages p50/p99 ms: {Breakdown(samples, orchestratorMs, stageMs)}");
                if (!failures.IsEmpty)
                    Console.WriteLine($"         {failures.Count} pushes failed (not in the figures), e.g. {failures.First()}");
            }
            Console.WriteLine("stages: ingest = end to end minus the grain's PushSegment (HTTP ingest, grain call, response); wire = submit minus");
            Console.WriteLine("the orchestrator's own /segment time (HTTP/2 client, TLS, Kestrel around the handler); (n) = segments that had the stage");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Breakdown(IEnumerable<(string ManifestId, long Seq, double EndToEnd)> samples,
        ConcurrentDictionary<(string, long), double> orchestratorMs, ConcurrentDictionary<(string, long), ConcurrentDictionary<string, double>> stageMs)
    {
        var rows = samples.Select(x => (x.EndToEnd, Orchestrator: orchestratorMs[(x.ManifestId, x.Seq)], Stages: stageMs.GetValueOrDefault((x.ManifestId, x.Seq)) ?? new())).ToList();
        var columns = new List<(string Name, IEnumerable<double> Values)>
        {
            ("ingest", rows.Where(r => r.Stages.ContainsKey(GatewayTracing.Segment)).Select(r => r.EndToEnd - r.Stages[GatewayTracing.Segment])),
            ("wire", rows.Where(r => r.Stages.ContainsKey(GatewayTracing.Submit)).Select(r => r.Stages[GatewayTracing.Submit] - r.Orchestrator)),
        };
        columns.AddRange(Stages.Select(stage => (stage, rows.Where(r => r.Stages.ContainsKey(stage)).Select(r => r.Stages[stage]))));
        return string.Join("  ", columns.Select(c =>
        {
            var values = c.Values.ToList();
            if (values.Count == 0)
                return $"{c.Name} -";

            var p = Percentiles(values);
            return string.Create(CultureInfo.InvariantCulture, $"{c.Name} {p.P50:0.0}/{p.P99:0.0}{(values.Count < rows.Count ? $" ({values.Count})" : "")}");
        }));
    }

    private static async Task<double> PushAsync(HttpClient http, string manifestId, long seq, byte[] segment)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/live/{manifestId}/{seq}.ts") { Content = new ByteArrayContent(segment) };
        request.Headers.Add("Content-Duration", ((int)Duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("multipart/mixed"));
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{manifestId}/{seq}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return ms;
    }

    private static (double P50, double P99) Percentiles(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return (sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
