using System.Globalization;

namespace Livepeer.Transcoding;

/// <summary>
/// ffmpeg output options that encode one rendition the way go-livepeer's LPMS does (libx264 on the CPU: H100/H200 have
/// no NVENC). One builder serves the node's engine and the benchmark's plain-ffmpeg peer, so both encode alike.
/// </summary>
public static class EncoderArguments
{
    /// <summary>x264 speed preset; the benchmark's plain-ffmpeg peer uses the same.</summary>
    public const string X264Preset = "veryfast";

    /// <summary>Video encoder options for <paramref name="profile"/> given the source frame rate.</summary>
    public static string Video(VideoProfile profile, double sourceFrameRate)
    {
        var args = new List<string> { "-c:v libx264", $"-preset {X264Preset}", $"-b:v {profile.Bitrate}" };
        args.AddRange(profile.Profile switch
        {
            EncoderProfile.H264Baseline => ["-profile:v baseline"],
            EncoderProfile.H264Main => ["-profile:v main"],
            EncoderProfile.H264High => ["-profile:v high"],
            // "Constrained high" in LPMS is the high profile without B-frames, for low-latency players.
            EncoderProfile.H264ConstrainedHigh => ["-profile:v high", "-bf 0"],
            _ => [],
        });
        var outputFps = profile.Fps > 0 ? (double)profile.Fps / profile.FpsDen : sourceFrameRate;
        if (profile.Fps > 0)
            args.Add($"-r {profile.Fps}/{profile.FpsDen}");
        if (profile.GopSeconds is double gop)
        {
            var frames = gop == 0 ? 1 : Math.Max(1, (int)Math.Round(gop * outputFps));
            args.Add(string.Create(CultureInfo.InvariantCulture, $"-g {frames} -keyint_min {frames}"));
        }
        args.Add("-pix_fmt yuv420p");
        return string.Join(' ', args);
    }

    /// <summary>Muxer options; MPEG-TS keeps the source timestamps so consecutive segments play as one stream.</summary>
    public static string Container(SegmentFormat format) => format switch
    {
        SegmentFormat.Mp4 => "-f mp4",
        _ => "-mpegts_copyts 1 -f mpegts",
    };

    public static string FileExtension(SegmentFormat format) => format == SegmentFormat.Mp4 ? ".mp4" : ".ts";

    public static string ContentType(SegmentFormat format) => format == SegmentFormat.Mp4 ? "video/mp4" : "video/mp2t";
}
