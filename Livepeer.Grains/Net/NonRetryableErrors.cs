namespace Livepeer.Net;

/// <summary>
/// go-livepeer's <c>isNonRetryableError</c> (see shared spec: network.md §7): transcode errors that describe the
/// segment itself, so that retrying on another orchestrator cannot help and no orchestrator is suspended for them. It
/// matches the error text of <c>TranscodeResult.error</c>: lpms's ffmpeg list, and the input checks of our orchestrator.
/// </summary>
public static class NonRetryableErrors
{
    private static readonly string[] Texts =
    [
        // lpms ffmpeg/ffmpeg_errors.go
        "Invalid data found when processing input",
        "No keyframes in input",
        "Unsupported input pixel format",
        "Unsupported video codec",
        "Invalid argument",
        "Decoder not found",
        "Encoder not found",
        "No video stream",
        // our orchestrator's SourceVideo / FrameTranscoder input checks
        "no video stream in segment",
        "video stream has no resolution",
        "invalid frame rate",
        "segment has no decodable video frames",
        "empty segment",
        "no transcoding profiles",
    ];

    public static bool IsNonRetryable(string error) =>
        Texts.Any(t => error.Contains(t, StringComparison.OrdinalIgnoreCase))
        || (error.StartsWith("resolution ", StringComparison.Ordinal) && error.Contains(" exceeds ", StringComparison.Ordinal))
        || (error.StartsWith("segment duration ", StringComparison.Ordinal) && error.Contains(" exceeds ", StringComparison.Ordinal));
}
