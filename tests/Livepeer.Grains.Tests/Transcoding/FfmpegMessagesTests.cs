using Livepeer.Transcoding;

namespace Livepeer.Grains.Tests.Transcoding;

public sealed class FfmpegMessagesTests
{
    [Theory]
    [InlineData("ffprobe exited with non-zero exit-code (1 - /tmp/x/source.ts: Invalid data found when processing input)", "Invalid data found when processing input")]
    [InlineData("ffmpeg exited with non-zero exit-code (1 - ffmpeg version 5\n  built with gcc\n[h264 @ 0x1] no frame!\n)", "[h264 @ 0x1] no frame!")]
    [InlineData("plain message", "plain message")]
    public void Reason_is_ffmpeg_s_last_line_without_our_paths(string message, string reason) =>
        Assert.Equal(reason, FfmpegMessages.Reason(message));
}
