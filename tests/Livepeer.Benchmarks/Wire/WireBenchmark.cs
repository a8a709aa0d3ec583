using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Livepeer.Discovery;
using Livepeer.Net;
using Livepeer.Node;
using Livepeer.Silo.Hosting;
using Livepeer.Transcoding;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Benchmarks.Wire;

/// <summary>
/// GetOrchestrator round trips over gRPC/TLS on loopback against a whole node, for 1, 10 and 50 concurrent callers,
/// with the bare gRPC Ping (same channel, no grain call, no ticket params) as the peer measured in the same run; then
/// the gateway-added latency per segment (<see cref="GatewayLatencyBenchmark"/>). Options: <c>--calls N</c>,
/// <c>--segments N</c>, <c>--cpu-budget CORES</c>, <c>--closed-loop</c>, <c>--only rpc|segments</c>.
/// </summary>
public static class WireBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var calls = Option(args, "--calls") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : 200;
        var segments = Option(args, "--segments") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 100;
        var cpuBudget = Option(args, "--cpu-budget") is { } b ? double.Parse(b, CultureInfo.InvariantCulture) : 1.0;
        var only = Option(args, "--only");
        if (only != "segments")
            await RoundTripsAsync(calls);
        if (only != "rpc")
            await GatewayLatencyBenchmark.RunAsync(segments, closedLoop: args.Contains("--closed-loop"), cpuBudget);
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static async Task RoundTripsAsync(int calls)
    {
        var directory = Path.Combine(Path.GetTempPath(), "livepeer-bench-wire", Guid.NewGuid().ToString("N"));
        var servicePort = FreePort();
        var app = NodeHost.Build(
        [
            $"--httpAddr=127.0.0.1:{FreePort()}", $"--serviceAddr=127.0.0.1:{servicePort}", $"--siloPort={FreePort()}",
            $"--orleansGatewayPort={FreePort()}", $"--dataDir={directory}", "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        try
        {
            using var client = new OrchestratorClient();
            var discovery = new OrchestratorDiscovery(client, app.Services.GetRequiredService<NodeKeys>().Gateway, TimeProvider.System);
            var service = new Uri($"https://127.0.0.1:{servicePort}");
            var job = CapabilitySet.Job(VideoProfiles.BenchmarkLadder, SegmentFormat.MpegTs);
            using var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } });
            var ping = new Net.Orchestrator.OrchestratorClient(Grpc.Net.Client.GrpcChannel.ForAddress(service, new() { HttpClient = http }));
            var pingValue = new PingPong { Value = ByteString.CopyFromUtf8("bench") };

            await discovery.GetOrchestratorAsync(service, job, CancellationToken.None);
            await ping.PingAsync(pingValue);
            Console.WriteLine($"GetOrchestrator round trip on loopback (TLS, HTTP/2), {calls} calls per run; figures are noisy on a shared machine");
            Console.WriteLine("streams  GetOrchestrator p50/p99 ms   Ping p50/p99 ms   ratio p50");
            foreach (var streams in new[] { 1, 10, 50 })
            {
                var info = await MeasureAsync(streams, calls, () => discovery.GetOrchestratorAsync(service, job, CancellationToken.None));
                var pong = await MeasureAsync(streams, calls, () => ping.PingAsync(pingValue).ResponseAsync);
                Console.WriteLine($"{streams,7}  {info.P50,10:0.00} / {info.P99,6:0.00}        {pong.P50,6:0.00} / {pong.P99,6:0.00}    {info.P50 / pong.P50,6:0.00}");
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(double P50, double P99)> MeasureAsync(int concurrency, int calls, Func<Task> call)
    {
        var samples = new System.Collections.Concurrent.ConcurrentBag<double>();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= calls)
            {
                var started = Stopwatch.GetTimestamp();
                await call();
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
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
