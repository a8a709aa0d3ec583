namespace Livepeer.Broadcast;

/// <summary>
/// The index of a stream's HLS window, kept in the session's durable state: which segments are listed, how long each
/// is and which renditions it has. The rendition bytes are not here: each segment's are written once to its own
/// <see cref="IHlsSegmentGrain"/>, so a segment costs one small state write instead of rewriting the whole window.
/// </summary>
[GenerateSerializer]
public sealed class HlsWindowState
{
    /// <summary>The listed segments in sequence order.</summary>
    [Id(0)] public List<HlsWindowSegment> Segments { get; set; } = [];

    /// <summary>The stream's renditions as the master playlist lists them.</summary>
    [Id(1)] public List<HlsRendition> Renditions { get; set; } = [];
}

[GenerateSerializer, Immutable]
public sealed record HlsWindowSegment(
    [property: Id(0)] long SeqNo,
    [property: Id(1)] TimeSpan Duration,
    [property: Id(2)] IReadOnlyList<string> Renditions);

[GenerateSerializer, Immutable]
public sealed record HlsRendition(
    [property: Id(0)] string Name,
    [property: Id(1)] int Width,
    [property: Id(2)] int Height,
    [property: Id(3)] int Bitrate);
