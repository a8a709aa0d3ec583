namespace Livepeer.Transcoding;

/// <summary>H.264 encoder profile of a rendition, in go-livepeer's names (see shared spec: network.md §15.5).</summary>
public enum EncoderProfile
{
    None,
    H264Baseline,
    H264Main,
    H264High,
    H264ConstrainedHigh,
}

/// <summary>Container of a rendition: go-livepeer outputs MPEG-TS for <c>.ts</c> pushes and MP4 for <c>.mp4</c> pushes.</summary>
public enum SegmentFormat
{
    MpegTs,
    Mp4,
}

/// <summary>One rung of a transcoding ladder, as go-livepeer's <c>VideoProfile</c> / JSON profile.</summary>
/// <param name="Name">Rendition name, used in playlists, file names and the <c>Rendition-Name</c> header.</param>
/// <param name="Bitrate">Target video bitrate in bits per second.</param>
/// <param name="Fps">Output frame rate numerator; 0 passes the source frame rate through.</param>
/// <param name="FpsDen">Output frame rate denominator (1 when unset).</param>
/// <param name="GopSeconds">Keyframe interval in seconds; null leaves it to the encoder, 0 means intra-only.</param>
[GenerateSerializer, Immutable]
public sealed record VideoProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] int Width,
    [property: Id(2)] int Height,
    [property: Id(3)] int Bitrate,
    [property: Id(4)] int Fps = 0,
    [property: Id(5)] int FpsDen = 1,
    [property: Id(6)] EncoderProfile Profile = EncoderProfile.None,
    [property: Id(7)] double? GopSeconds = null)
{
    /// <summary>Pixels of one output frame, the unit orchestrators bill by.</summary>
    public long FramePixels => (long)Width * Height;
}
