using Livepeer.Cuda.Scaling;
using Livepeer.Integration.Tests.Media;
using Livepeer.Transcoding;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Livepeer.Integration.Tests.Transcoding;

/// <summary>A 1-second 720p clip and a working directory shared by the engine tests.</summary>
public sealed class EngineClipFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "livepeer-engine-tests", Guid.NewGuid().ToString("N"));

    public byte[] Clip { get; private set; } = [];

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        Clip = await Ffmpeg.GenerateSegmentAsync(Directory, 1280, 720, seconds: 1);
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The two engines on real ffmpeg: the same renditions (by PSNR), go-livepeer's output checks, bad input.</summary>
public sealed class TranscodeEnginesTests(EngineClipFixture clip, ITestOutputHelper output) : IClassFixture<EngineClipFixture>
{
    /// <summary>Generous bitrates, so the encoder's own loss does not hide a difference between the engines' pictures.</summary>
    private static readonly IReadOnlyList<VideoProfile> Ladder =
    [
        new("240p0", 426, 240, 4_000_000, 0, 1, EncoderProfile.H264ConstrainedHigh, 1),
        new("360p0", 640, 360, 6_000_000, 0, 1, EncoderProfile.H264ConstrainedHigh, 1),
        new("540p0", 960, 540, 10_000_000, 0, 1, EncoderProfile.H264ConstrainedHigh, 1),
    ];

    [Fact]
    public async Task Both_engines_produce_the_same_renditions_by_psnr_and_bill_the_same_pixels()
    {
        using var scaler = new AreaFrameScaler();
        var segment = new SourceSegment("psnr", 7, SegmentFormat.MpegTs, TimeSpan.FromSeconds(1), clip.Clip);

        var frames = await new FrameTranscoder(scaler).TranscodeAsync(segment, Ladder, CancellationToken.None);
        var ffmpeg = await new FilterGraphTranscoder().TranscodeAsync(segment, Ladder, CancellationToken.None);

        Assert.Equal(Ladder.Select(p => p.Name), frames.Renditions.Select(r => r.ProfileName));
        Assert.Equal(Ladder.Select(p => p.Name), ffmpeg.Renditions.Select(r => r.ProfileName));
        for (var i = 0; i < Ladder.Count; i++)
        {
            var profile = Ladder[i];
            var a = Path.Combine(clip.Directory, $"frames-{profile.Name}.ts");
            var b = Path.Combine(clip.Directory, $"ffmpeg-{profile.Name}.ts");
            await File.WriteAllBytesAsync(a, frames.Renditions[i].Data);
            await File.WriteAllBytesAsync(b, ffmpeg.Renditions[i].Data);

            foreach (var path in new[] { a, b })
            {
                var probe = await Ffmpeg.ProbeAsync(path);
                Assert.Equal(("h264", profile.Width, profile.Height), (probe.Video.CodecName, probe.Video.Width, probe.Video.Height));
                Assert.Contains(probe.Streams, s => s.CodecType == "audio");
            }

            var psnr = await Ffmpeg.PsnrAsync(b, a);
            output.WriteLine($"{profile.Name}: PSNR frames vs ffmpeg engine {psnr:0.00} dB");
            Assert.True(psnr >= 40, $"{profile.Name}: PSNR between the engines is {psnr:0.00} dB");
            // 30 frames of a 1-second 30 fps clip, each width × height.
            Assert.Equal(profile.FramePixels * 30, frames.Renditions[i].Pixels);
            Assert.Equal(frames.Renditions[i].Pixels, ffmpeg.Renditions[i].Pixels);
        }
    }

    [Fact]
    public async Task Auto_measures_both_engines_once_and_logs_the_choice()
    {
        using var scaler = new AreaFrameScaler();
        var log = new ListLogger();
        var selected = new SelectedTranscoder(TranscodeEngine.Auto, new FrameTranscoder(scaler), new FilterGraphTranscoder(), () => [Ladder[0]], log);

        await selected.ChooseAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var result = await selected.TranscodeAsync(
            new SourceSegment("auto", 0, SegmentFormat.MpegTs, TimeSpan.FromSeconds(1), clip.Clip), [Ladder[0]], CancellationToken.None);

        Assert.Contains(selected.Name, new[] { "frames/area-simd-cpu", "ffmpeg" });
        Assert.Single(result.Renditions);
        var line = Assert.Single(log.Lines);
        Assert.Contains($"Transcode engine: {selected.Name} (auto:", line, StringComparison.Ordinal);
    }

    public static TheoryData<string> Engines() => ["frames", "ffmpeg"];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Garbage_audio_only_and_overlong_segments_are_invalid_input_and_the_engine_keeps_working(string engineName)
    {
        using var scaler = new AreaFrameScaler();
        ISegmentTranscoder engine = engineName == "frames" ? new FrameTranscoder(scaler) : new FilterGraphTranscoder();
        var audioOnly = Path.Combine(clip.Directory, "audio-only.ts");
        var overlong = Path.Combine(clip.Directory, "overlong.ts");
        await Ffmpeg.RunFfmpegAsync($"-v error -y -f lavfi -i sine=duration=1 -c:a aac -f mpegts {audioOnly}");
        // 301 s of a tiny picture at 1 fps: cheap to make, longer than any segment go-livepeer accepts.
        await Ffmpeg.RunFfmpegAsync($"-v error -y -f lavfi -i color=size=16x16:rate=1 -t 301 -c:v libx264 -preset ultrafast -f mpegts {overlong}");

        var garbage = await Refused(engine, Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray());
        var noVideo = await Refused(engine, await File.ReadAllBytesAsync(audioOnly));
        var tooLong = await Refused(engine, await File.ReadAllBytesAsync(overlong));
        var empty = await Refused(engine, []);

        Assert.Contains("Invalid data found when processing input", garbage.Message, StringComparison.Ordinal);
        Assert.Equal("no video stream in segment", noVideo.Message);
        Assert.StartsWith("segment duration 301", tooLong.Message, StringComparison.Ordinal);
        Assert.Equal("empty segment", empty.Message);
        var next = await engine.TranscodeAsync(new SourceSegment("bad", 1, SegmentFormat.MpegTs, TimeSpan.FromSeconds(1), clip.Clip), [Ladder[0]], CancellationToken.None);
        Assert.Single(next.Renditions);
    }

    private static async Task<TranscodeException> Refused(ISegmentTranscoder engine, byte[] data)
    {
        var error = await Assert.ThrowsAsync<TranscodeException>(() =>
            engine.TranscodeAsync(new SourceSegment("bad", 0, SegmentFormat.MpegTs, TimeSpan.FromSeconds(2), data), [Ladder[0]], CancellationToken.None));
        Assert.Equal(TranscodeErrorKind.InvalidInput, error.Kind);
        return error;
    }

    private sealed class ListLogger : ILogger<SelectedTranscoder>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
                Lines.Add(formatter(state, exception));
        }
    }
}
