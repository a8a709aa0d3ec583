using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Livepeer.Transcoding;

/// <summary>
/// The node's <see cref="ISegmentTranscoder"/>: the engine configured, or with <see cref="TranscodeEngine.Auto"/> the
/// faster of the two on this host, measured once on a short clip with the node's own ladder. Segments that arrive
/// while the measurement runs wait for it.
/// </summary>
public sealed class SelectedTranscoder : ISegmentTranscoder
{
    /// <summary>The measurement clip: long enough to encode a few GOP-sized chunks, short enough for a start-up.</summary>
    private static readonly TimeSpan ClipLength = TimeSpan.FromSeconds(1);

    private readonly Lazy<Task<ISegmentTranscoder>> _chosen;

    public SelectedTranscoder(
        TranscodeEngine engine, FrameTranscoder frames, FilterGraphTranscoder ffmpeg, Func<IReadOnlyList<VideoProfile>> ladder, ILogger<SelectedTranscoder> logger)
    {
        _chosen = new Lazy<Task<ISegmentTranscoder>>(() => engine switch
        {
            TranscodeEngine.Frames => Log(frames, "configured"),
            TranscodeEngine.Ffmpeg => Log(ffmpeg, "configured"),
            _ => Task.Run(() => MeasureAsync(frames, ffmpeg, ladder(), logger)),
        });

        Task<ISegmentTranscoder> Log(ISegmentTranscoder chosen, string why)
        {
            logger.LogInformation("Transcode engine: {Engine} ({Why})", chosen.Name, why);
            return Task.FromResult(chosen);
        }
    }

    public string Name => _chosen.IsValueCreated && _chosen.Value.IsCompletedSuccessfully ? _chosen.Value.Result.Name : "auto";

    /// <summary>Starts the choice (the start-up measurement for <see cref="TranscodeEngine.Auto"/>) without waiting for it.</summary>
    public Task ChooseAsync() => _chosen.Value;

    public async Task<TranscodedSegment> TranscodeAsync(SourceSegment segment, IReadOnlyList<VideoProfile> profiles, CancellationToken cancellationToken)
    {
        var engine = await _chosen.Value.WaitAsync(cancellationToken);
        return await engine.TranscodeAsync(segment, profiles, cancellationToken);
    }

    /// <summary>
    /// One warm-up and one timed run of each engine, interleaved; the frames engine wins ties because its scaler is the
    /// one that moves to the GPU. A measurement that fails falls back to the frames engine rather than failing the node.
    /// </summary>
    private static async Task<ISegmentTranscoder> MeasureAsync(
        FrameTranscoder frames, FilterGraphTranscoder ffmpeg, IReadOnlyList<VideoProfile> ladder, ILogger logger)
    {
        try
        {
            var clip = new SourceSegment("engine-choice", 0, SegmentFormat.MpegTs, ClipLength, await GenerateClipAsync());
            ISegmentTranscoder[] engines = [frames, ffmpeg];
            foreach (var engine in engines)
                await engine.TranscodeAsync(clip, ladder, CancellationToken.None);
            var times = new double[engines.Length];
            for (var i = 0; i < engines.Length; i++)
            {
                var watch = Stopwatch.StartNew();
                await engines[i].TranscodeAsync(clip, ladder, CancellationToken.None);
                times[i] = watch.Elapsed.TotalSeconds;
            }

            var chosen = times[1] < times[0] ? ffmpeg : (ISegmentTranscoder)frames;
            logger.LogInformation(
                "Transcode engine: {Engine} (auto: a {Clip:0.#} s 1080p clip took {FramesTime:0.000} s with {Frames} and {FfmpegTime:0.000} s with {Ffmpeg})",
                chosen.Name, ClipLength.TotalSeconds, times[0], frames.Name, times[1], ffmpeg.Name);
            return chosen;
        }
        catch (Exception e) when (e is TranscodeException or InvalidOperationException or IOException)
        {
            logger.LogWarning(e, "Transcode engine: {Engine} (the start-up measurement failed)", frames.Name);
            return frames;
        }
    }

    private static async Task<byte[]> GenerateClipAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"livepeer-engine-choice-{Guid.NewGuid():N}.ts");
        var seconds = ClipLength.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("ffmpeg",
            "-v error -y -f lavfi -i testsrc2=size=1920x1080:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 " +
            $"-t {seconds} -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 30 -c:a aac -f mpegts {path}")
        {
            RedirectStandardError = true,
        };
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"ffmpeg could not generate the measurement clip: {stderr}");
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
