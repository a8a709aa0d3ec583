using Livepeer.Transcoding;

namespace Livepeer.Transcoding.Tests;

/// <summary>go-livepeer's output checks, shared by both engines.</summary>
public sealed class RenditionOutputsTests : IDisposable
{
    private static readonly VideoProfile P240 = new("240p0", 426, 240, 250_000);
    private static readonly VideoProfile P360At15 = new("360p15", 640, 360, 800_000, Fps: 15);
    private readonly string _directory = Directory.CreateTempSubdirectory("livepeer-renditions-").FullName;

    [Fact]
    public void A_rendition_under_25_bytes_or_missing_is_an_internal_error()
    {
        var small = Path.Combine(_directory, "small.ts");
        File.WriteAllBytes(small, new byte[24]);

        var tooSmall = Assert.Throws<TranscodeException>(() => RenditionOutputs.Read(P240, small, 60, 30));
        var missing = Assert.Throws<TranscodeException>(() => RenditionOutputs.Read(P240, Path.Combine(_directory, "none.ts"), 60, 30));

        Assert.Equal(TranscodeErrorKind.Internal, tooSmall.Kind);
        Assert.Equal("rendition 240p0 is empty (24 bytes)", tooSmall.Message);
        Assert.Equal(TranscodeErrorKind.Internal, missing.Kind);
    }

    [Fact]
    public void Pixels_are_width_times_height_times_output_frames()
    {
        var path = Path.Combine(_directory, "ok.ts");
        File.WriteAllBytes(path, new byte[25]);

        Assert.Equal(426L * 240 * 60, RenditionOutputs.Read(P240, path, 60, 30).Pixels);
        // 60 frames at 30 fps resampled to 15 fps: 30 frames.
        Assert.Equal(640L * 360 * 30, RenditionOutputs.Read(P360At15, path, 60, 30).Pixels);
    }

    [Fact]
    public void The_result_has_one_rendition_per_profile_in_profile_order()
    {
        var segment = new SourceSegment("m", 3, SegmentFormat.MpegTs, TimeSpan.FromSeconds(2), [1]);
        var r240 = new Rendition("240p0", 426, 240, 1, new byte[25]);
        var r360 = new Rendition("360p15", 640, 360, 1, new byte[25]);

        Assert.Equal(2, RenditionOutputs.Verify(segment, [P240, P360At15], [r240, r360]).Renditions.Count);
        Assert.Equal("1 renditions for 2 profiles",
            Assert.Throws<TranscodeException>(() => RenditionOutputs.Verify(segment, [P240, P360At15], [r240])).Message);
        Assert.Throws<TranscodeException>(() => RenditionOutputs.Verify(segment, [P240, P360At15], [r360, r240]));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
