using FFMpegCore;
using FFMpegCore.Exceptions;

namespace Livepeer.Transcoding;

/// <summary>What the engine needs to know about a source segment before decoding it.</summary>
/// <param name="StartTime">Presentation time of the first video frame; renditions keep the source's timestamps.</param>
public sealed record SourceVideo(int Width, int Height, double FrameRate, TimeSpan StartTime, TimeSpan Duration, bool HasAudio)
{
    /// <summary>Longest segment accepted; go-livepeer's MaxSegSize assumes at most 300 s of media.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(300);

    /// <summary>Probes a segment file with ffprobe and rejects what the engine cannot or must not transcode.</summary>
    /// <exception cref="TranscodeException">Invalid input, with ffprobe's own reason where it gave one.</exception>
    public static async Task<SourceVideo> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        IMediaAnalysis analysis;
        try
        {
            analysis = await FFProbe.AnalyseAsync(path, cancellationToken: cancellationToken);
        }
        catch (FFProbeException e)
        {
            throw TranscodeException.InvalidInput(FfmpegMessages.Reason(e.Message));
        }
        var video = analysis.PrimaryVideoStream
            ?? throw TranscodeException.InvalidInput("no video stream in segment");
        if (video.Width is not int width || video.Height is not int height || width <= 0 || height <= 0)
            throw TranscodeException.InvalidInput("video stream has no resolution");
        if (width > VideoProfiles.MaxDimension || height > VideoProfiles.MaxDimension)
            throw TranscodeException.InvalidInput($"resolution {width}x{height} exceeds {VideoProfiles.MaxDimension}x{VideoProfiles.MaxDimension}");
        if (video.RealFrameRate is not > 0 and < 1000)
            throw TranscodeException.InvalidInput($"invalid frame rate {video.RealFrameRate}");
        var duration = analysis.Duration;
        if (duration > MaxDuration)
            throw TranscodeException.InvalidInput($"segment duration {duration.TotalSeconds:0.###} s exceeds {MaxDuration.TotalSeconds} s");
        return new SourceVideo(width, height, video.RealFrameRate, video.StartTime, duration, analysis.PrimaryAudioStream is not null);
    }
}

/// <summary>Extracts the human-readable reason from FFMpegCore's process exceptions.</summary>
internal static class FfmpegMessages
{
    /// <summary>
    /// FFMpegCore wraps ffmpeg's stderr as "... exited with non-zero exit-code (N - stderr)"; the useful reason is the
    /// last line of stderr, e.g. "/tmp/in.ts: Invalid data found when processing input". File paths are ours, not the
    /// client's, so they are stripped.
    /// </summary>
    public static string Reason(string message)
    {
        var start = message.IndexOf(" - ", StringComparison.Ordinal);
        var text = start >= 0 ? message[(start + 3)..].TrimEnd(')', ' ', '\n') : message;
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var last = lines.Length > 0 ? lines[^1] : text;
        var colon = last.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && last[..colon].Contains('/') ? last[(colon + 2)..] : last;
    }
}
