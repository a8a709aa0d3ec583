using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Livepeer.Silo.Hosting;
using Livepeer.Transcoding;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Benchmarks.Transcoding;

/// <summary>
/// The same 2-second 1080p30 segment transcoded to the livepeer_bench ladder through a whole embedded node (HTTP push,
/// grains, stream, worker, Livepeer.Cuda scaling, libx264) and by one plain ffmpeg command producing the same ladder
/// with the same encoder settings; prints both and the ratio node / ffmpeg.
/// Options: <c>--runs N</c> (default 5).
/// </summary>
public static class TranscodeBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var runs = args.Length >= 2 && args[0] == "--runs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
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
                $"--siloPort={FreePort()}", $"--orleansGatewayPort={FreePort()}",
                $"--dataDir={Path.Combine(directory, "data")}", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Orleans=Error",
            ]);
            await node.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromMinutes(5) };

            var plainCommand = PlainFfmpegLadder(source, directory, ladder);
            Console.WriteLine($"segment: 2 s 1080p30 H.264+AAC, {segment.Length} bytes; ladder: {string.Join(", ", ladder.Select(p => p.Name))}");
            Console.WriteLine($"peer: ffmpeg {plainCommand}");

            // Warm up both paths (JIT, grain activation, ffmpeg page cache) before measuring.
            await PushAsync(http, segment, 0);
            await RunFfmpegAsync(plainCommand);

            // The node's engine alone (no HTTP, grains, streams or payments), to split the node's cost in two.
            var engine = node.Services.GetRequiredService<ISegmentTranscoder>();
            var engineSegment = new SourceSegment("bench", 0, SegmentFormat.MpegTs, TimeSpan.FromSeconds(2), segment);
            await engine.TranscodeAsync(engineSegment, ladder, CancellationToken.None);

            var nodeTimes = new List<double>();
            var engineTimes = new List<double>();
            var ffmpegTimes = new List<double>();
            for (var i = 1; i <= runs; i++)
            {
                // Interleaved so that machine noise hits every side alike.
                nodeTimes.Add(await TimeAsync(() => PushAsync(http, segment, i)));
                engineTimes.Add(await TimeAsync(() => engine.TranscodeAsync(engineSegment, ladder, CancellationToken.None)));
                ffmpegTimes.Add(await TimeAsync(() => RunFfmpegAsync(plainCommand)));
            }
            await node.StopAsync();

            var nodeMedian = Median(nodeTimes);
            var ffmpegMedian = Median(ffmpegTimes);
            var engineMedian = Median(engineTimes);
            Console.WriteLine($"runs: {runs}");
            Console.WriteLine($"node   median {nodeMedian:0.000} s  (real-time ratio {nodeMedian / 2:0.00})  all: {Join(nodeTimes)}");
            Console.WriteLine($"engine median {engineMedian:0.000} s  ({engine.Name}, no HTTP/grains)  all: {Join(engineTimes)}");
            Console.WriteLine($"ffmpeg median {ffmpegMedian:0.000} s  (real-time ratio {ffmpegMedian / 2:0.00})  all: {Join(ffmpegTimes)}");
            Console.WriteLine($"ratio node/ffmpeg: {nodeMedian / ffmpegMedian:0.00}   engine/ffmpeg: {engineMedian / ffmpegMedian:0.00}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>One ffmpeg process: decode once, split, scale each rung, encode each with the node's encoder settings.</summary>
    private static string PlainFfmpegLadder(string source, string directory, IReadOnlyList<VideoProfile> ladder)
    {
        var split = $"[0:v]split={ladder.Count}{string.Concat(ladder.Select((_, i) => $"[s{i}]"))};" +
            string.Join(';', ladder.Select((p, i) => $"[s{i}]scale={p.Width}:{p.Height}[o{i}]"));
        var outputs = ladder.Select((p, i) =>
            $"-map [o{i}] -map 0:a:0 -c:a copy {EncoderArguments.Video(p, 30)} {EncoderArguments.Container(SegmentFormat.MpegTs)} " +
            Path.Combine(directory, $"plain-{p.Name}.ts"));
        return $"-v error -y -i {source} -filter_complex \"{split}\" -copyts {string.Join(' ', outputs)}";
    }

    private static async Task PushAsync(HttpClient http, byte[] segment, int seq)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/live/bench/{seq}.ts") { Content = new ByteArrayContent(segment) };
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

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Join(IEnumerable<double> values) => string.Join(' ', values.Select(v => v.ToString("0.000", CultureInfo.InvariantCulture)));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
