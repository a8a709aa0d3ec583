using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Livepeer.Integration.Tests.Media;

/// <summary>The real ffmpeg and ffprobe, as a test's independent judge of what the node produced.</summary>
public static class Ffmpeg
{
    /// <summary>A 2-second 1080p30 H.264 + AAC MPEG-TS clip, like the livepeer_bench source segments.</summary>
    public static async Task<byte[]> GenerateSegmentAsync(string directory, int width = 1920, int height = 1080, double seconds = 2)
    {
        var path = Path.Combine(directory, $"testsrc-{width}x{height}-{seconds}.ts");
        if (!File.Exists(path))
        {
            var duration = seconds.ToString(CultureInfo.InvariantCulture);
            await RunAsync("ffmpeg",
                $"-v error -y -f lavfi -i testsrc2=size={width}x{height}:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 " +
                $"-t {duration} -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 30 -c:a aac -b:a 128k -f mpegts {path}");
        }
        return await File.ReadAllBytesAsync(path);
    }

    /// <summary>A PNG test pattern of the given size.</summary>
    public static async Task<byte[]> GenerateImageAsync(string directory, int width, int height)
    {
        var path = Path.Combine(directory, $"testsrc-{width}x{height}.png");
        if (!File.Exists(path))
            await RunAsync("ffmpeg", $"-v error -y -f lavfi -i testsrc2=size={width}x{height}:rate=1 -frames:v 1 {path}");
        return await File.ReadAllBytesAsync(path);
    }

    /// <summary>A PNG of black text on white, rendered by ffmpeg's drawtext with DejaVu Sans.</summary>
    public static async Task<byte[]> RenderTextAsync(string directory, string text)
    {
        var path = Path.Combine(directory, $"text-{Guid.NewGuid():N}.png");
        await RunAsync("ffmpeg", "-v error -y -f lavfi -i color=white:size=720x120:rate=1 -vf " +
            $"\"drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:text='{text}':fontsize=56:fontcolor=black:x=24:y=30\" -frames:v 1 {path}");
        return await File.ReadAllBytesAsync(path);
    }

    public static async Task<ProbeResult> ProbeAsync(string pathOrUrl)
    {
        var json = await RunAsync("ffprobe", $"-v error -print_format json -show_format -show_streams \"{pathOrUrl}\"");
        using var doc = JsonDocument.Parse(json);
        var streams = doc.RootElement.GetProperty("streams").EnumerateArray().Select(s => new ProbeStream(
            s.GetProperty("codec_type").GetString()!,
            s.GetProperty("codec_name").GetString()!,
            s.TryGetProperty("width", out var w) ? w.GetInt32() : 0,
            s.TryGetProperty("height", out var h) ? h.GetInt32() : 0)).ToList();
        var format = doc.RootElement.GetProperty("format");
        var duration = format.TryGetProperty("duration", out var d)
            ? double.Parse(d.GetString()!, CultureInfo.InvariantCulture)
            : 0;
        return new ProbeResult(streams, duration);
    }

    /// <summary>Average PSNR (dB) of <paramref name="distorted"/> against <paramref name="reference"/>, by ffmpeg's <c>psnr</c> filter.</summary>
    public static async Task<double> PsnrAsync(string reference, string distorted)
    {
        var (_, stderr) = await RunWithErrorAsync("ffmpeg", $"-hide_banner -i \"{distorted}\" -i \"{reference}\" -lavfi \"[0:v][1:v]psnr\" -f null -");
        var at = stderr.LastIndexOf("average:", StringComparison.Ordinal);
        if (at < 0)
            throw new InvalidOperationException($"no PSNR in ffmpeg's output: {stderr}");
        var value = stderr[(at + "average:".Length)..].Split(' ', 2)[0];
        return value == "inf" ? double.PositiveInfinity : double.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>Runs ffmpeg with <paramref name="arguments"/> (for fixtures that craft odd inputs).</summary>
    public static Task<string> RunFfmpegAsync(string arguments) => RunAsync("ffmpeg", arguments);

    private static async Task<string> RunAsync(string tool, string arguments) => (await RunWithErrorAsync(tool, arguments)).Stdout;

    private static async Task<(string Stdout, string Stderr)> RunWithErrorAsync(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {arguments} failed ({process.ExitCode}): {await stderr}");
        return (await stdout, await stderr);
    }
}

public sealed record ProbeStream(string CodecType, string CodecName, int Width, int Height);

public sealed record ProbeResult(IReadOnlyList<ProbeStream> Streams, double Duration)
{
    public ProbeStream Video => Streams.Single(s => s.CodecType == "video");
}
