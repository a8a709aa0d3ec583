using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Livepeer.Integration.Tests.Media;
using Livepeer.Net;
using Livepeer.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Benchmarks.Wire;

/// <summary>
/// Gateway-added latency per segment: the time a pushed segment takes at the gateway (<c>POST /live/…</c> until its
/// renditions are back) minus the time the orchestrator spent on its <c>POST /segment</c> (payment, transcode, result),
/// measured by the orchestrator's own side of the same node over the loopback wire. A tiny segment and a one-profile
/// ladder keep the transcode cheap. Goal: p50 &lt; 5 ms, p99 &lt; 20 ms.
/// </summary>
public static class GatewayLatencyBenchmark
{
    public static async Task RunAsync(int segments)
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
        await app.StartAsync();
        try
        {
            var segment = await Ffmpeg.GenerateSegmentAsync(directory, 160, 90, seconds: 0.5);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromMinutes(2) };
            await PushAsync(http, "warmup", 0, segment);
            Console.WriteLine();
            Console.WriteLine($"Gateway-added latency per segment (end to end at the gateway minus the orchestrator's /segment time), {segments} segments per run,");
            Console.WriteLine("one node (gateway to its own orchestrator over loopback TLS), 160x90 0.5 s segment to P144p30fps16x9; noisy on a shared machine");
            Console.WriteLine("streams  end-to-end p50/p99 ms   orchestrator p50/p99 ms   gateway-added p50/p99 ms   goal p50 < 5, p99 < 20");
            foreach (var streams in new[] { 1, 10, 50 })
            {
                var samples = new ConcurrentBag<(double EndToEnd, double Orchestrator)>();
                var perStream = Math.Max(1, segments / streams);
                await Task.WhenAll(Enumerable.Range(0, streams).Select(async s =>
                {
                    var manifestId = $"bench-{streams}-{s}";
                    for (var seq = 0; seq < perStream; seq++)
                    {
                        samples.Add((await PushAsync(http, manifestId, seq, segment), orchestratorMs[(manifestId, seq)]));
                    }
                }));
                var e = Percentiles(samples.Select(x => x.EndToEnd));
                var o = Percentiles(samples.Select(x => x.Orchestrator));
                var g = Percentiles(samples.Select(x => x.EndToEnd - x.Orchestrator));
                var verdict = g.P50 < 5 && g.P99 < 20 ? "met" : "not met";
                Console.WriteLine($"{streams,7}  {e.P50,9:0.0} / {e.P99,7:0.0}     {o.P50,9:0.0} / {o.P99,7:0.0}        {g.P50,9:0.0} / {g.P99,7:0.0}       {verdict}");
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<double> PushAsync(HttpClient http, string manifestId, long seq, byte[] segment)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/live/{manifestId}/{seq}.ts") { Content = new ByteArrayContent(segment) };
        request.Headers.Add("Content-Duration", "500");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
