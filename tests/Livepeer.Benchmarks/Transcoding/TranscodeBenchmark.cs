using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Livepeer.Cuda.Devices;
using Livepeer.Cuda.Scaling;
using Livepeer.Silo.Hosting;
using Livepeer.Transcoding;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Benchmarks.Transcoding;

/// <summary>
/// The livepeer_bench method: 2-second 1080p30 segments, the 4-rung benchmark ladder, live pacing (a stream sends its
/// next segment 2 s after the previous one, or at once when the transcode took longer), and the real-time ratio
/// (transcode time / segment duration; ≤ 1 keeps up). For each concurrency it runs, interleaved, k streams through:
/// the whole node (HTTP push, grains, stream, worker, the engine the node chose), each engine alone (frames:
/// ffmpeg decode + Livepeer.Cuda area scaling + libx264; ffmpeg: one filter graph), and one plain ffmpeg command per
/// segment producing the same ladder with the same x264 settings; prints each ratio and the ratio to plain ffmpeg.
/// Options: <c>--runs N</c> segments per stream (default 5), <c>--streams 1,2,4</c> (default 1).
/// </summary>
public static class TranscodeBenchmark
{
    /// <summary>livepeer_bench's bar for a session count an orchestrator can sustain live.</summary>
    private const double RealTimeCapacityRatio = 0.8;

    private static readonly TimeSpan SegmentLength = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(string[] args)
    {
        var runs = int.Parse(Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var streamCounts = (Option(args, "--streams") ?? "1").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var directory = Directory.CreateTempSubdirectory("livepeer-bench-").FullName;
        try
        {
            var source = Path.Combine(directory, "source.ts");
            await RunFfmpegAsync("-v error -y -f lavfi -i testsrc2=size=1920x1080:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 " +
                $"-t 2 -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 30 -c:a aac -b:a 128k -f mpegts {source}");
            var segment = await File.ReadAllBytesAsync(source);
            var ladder = VideoProfiles.BenchmarkLadder;

            var httpPort = FreePort();
            await using var node = NodeHost.Build(
            [
                $"--httpAddr=127.0.0.1:{httpPort}", $"--serviceAddr=127.0.0.1:{FreePort()}",
                $"--siloPort={FreePort()}", $"--orleansGatewayPort={FreePort()}", $"--transcodeWorkers={streamCounts.Max()}",
                $"--dataDir={Path.Combine(directory, "data")}", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Orleans=Error",
            ]);
            await node.StartAsync();
            var selected = node.Services.GetRequiredService<SelectedTranscoder>();
            await selected.ChooseAsync();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromMinutes(5) };

            using var scaler = FrameScalers.CreateBest(ScaleFilter.Area);
            var frames = new FrameTranscoder(scaler, CudaDevices.IsAvailable);
            var ffmpeg = new FilterGraphTranscoder(CudaDevices.IsAvailable);
            Console.WriteLine($"segment: 2 s 1080p30 H.264+AAC, {segment.Length} bytes; ladder: {string.Join(", ", ladder.Select(p => p.Name))}");
            Console.WriteLine($"cores: {Environment.ProcessorCount}; GPU: {(CudaDevices.IsAvailable ? string.Join(", ", CudaDevices.Describe().Select(d => d.Name)) : "none")}");
            Console.WriteLine($"node engine (auto, measured at start): {selected.Name}");
            Console.WriteLine($"peer: ffmpeg {PlainFfmpegLadder(source, Path.Combine(directory, "plain-S"), ladder)}");

            var peers = new (string Name, Func<int, int, Task> Transcode)[]
            {
                ("node", (stream, seq) => PushAsync(http, segment, stream, seq)),
                ($"engine {frames.Name}", (stream, seq) => TranscodeAsync(frames, segment, ladder, stream, seq)),
                ($"engine {ffmpeg.Name}", (stream, seq) => TranscodeAsync(ffmpeg, segment, ladder, stream, seq)),
                ("plain ffmpeg", (stream, _) => RunFfmpegAsync(PlainFfmpegLadder(source, Path.Combine(directory, $"plain-{stream}"), ladder))),
            };

            // Warm up every path (JIT, grain activation, page cache) before measuring.
            foreach (var peer in peers)
                await peer.Transcode(0, 0);

            Console.WriteLine($"runs: {runs} segments per stream, live pacing; figures are medians of the per-segment real-time ratio (noisy on a shared machine)");
            var sequence = 1;
            // go-livepeer's capacity measure: the most concurrent streams each peer keeps at a real-time ratio <= 0.8.
            var capacity = peers.ToDictionary(p => p.Name, _ => 0);
            foreach (var streams in streamCounts)
            {
                var ratios = new Dictionary<string, List<double>>();
                foreach (var peer in peers)
                    ratios[peer.Name] = [];
                for (var run = 0; run < runs; run++)
                {
                    // Interleaved: each peer runs one paced round of k concurrent segments in turn, so machine noise hits all.
                    foreach (var peer in peers)
                    {
                        var seq = sequence++;
                        var times = await Task.WhenAll(Enumerable.Range(0, streams).Select(s => TimeAsync(() => peer.Transcode(s, seq))));
                        ratios[peer.Name].AddRange(times.Select(t => t / SegmentLength.TotalSeconds));
                    }
                }

                var plain = Median(ratios["plain ffmpeg"]);
                Console.WriteLine($"streams {streams}:");
                foreach (var peer in peers)
                {
                    var median = Median(ratios[peer.Name]);
                    if (median <= RealTimeCapacityRatio)
                        capacity[peer.Name] = Math.Max(capacity[peer.Name], streams);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {peer.Name,-28} real-time ratio {median:0.00}  vs plain ffmpeg {median / plain:0.00}  all: {Join(ratios[peer.Name])}"));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"most concurrent streams at real-time ratio <= {RealTimeCapacityRatio}:"));
            foreach (var peer in peers)
                Console.WriteLine($"  {peer.Name,-28} {capacity[peer.Name]} (plain ffmpeg: {capacity["plain ffmpeg"]})");

            await node.StopAsync();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>One ffmpeg process: decode once, split, scale each rung, encode each with the node's encoder settings.</summary>
    private static string PlainFfmpegLadder(string source, string prefix, IReadOnlyList<VideoProfile> ladder)
    {
        var outputs = ladder.Select((p, i) =>
            $"-map [o{i}] -map 0:a:0 -c:a copy {EncoderArguments.Video(p, 30)} {EncoderArguments.Container(SegmentFormat.MpegTs)} {prefix}-{p.Name}.ts");
        return $"-v error -y -i {source} -filter_complex \"{FilterGraphTranscoder.FilterGraph(ladder)}\" -copyts {string.Join(' ', outputs)}";
    }

    private static async Task TranscodeAsync(ISegmentTranscoder engine, byte[] segment, IReadOnlyList<VideoProfile> ladder, int stream, int seq) =>
        await engine.TranscodeAsync(new SourceSegment($"bench{stream}", seq, SegmentFormat.MpegTs, SegmentLength, segment), ladder, CancellationToken.None);

    private static async Task PushAsync(HttpClient http, byte[] segment, int stream, int seq)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/live/bench{stream}/{seq}.ts") { Content = new ByteArrayContent(segment) };
        request.Headers.Add("Content-Duration", "2000");
        request.Headers.Add("Accept", "multipart/mixed");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"push failed: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
    }

    private static async Task RunFfmpegAsync(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("ffmpeg", arguments) { RedirectStandardError = true })!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg failed: {await stderr}");
    }

    /// <summary>
    /// The transcode's duration, or +∞ when it failed (e.g. the node's deadline under overload: a segment a live
    /// viewer never gets); then waits out the rest of the segment's 2 s, as a live stream would.
    /// </summary>
    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await action();
        }
        catch (Exception e) when (e is InvalidOperationException or TranscodeException)
        {
            Console.WriteLine($"  failed: {e.Message}");
            return double.PositiveInfinity;
        }

        var elapsed = watch.Elapsed;
        if (elapsed < SegmentLength)
            await Task.Delay(SegmentLength - elapsed);
        return elapsed.TotalSeconds;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Join(IEnumerable<double> values) => string.Join(' ', values.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
