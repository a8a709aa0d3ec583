namespace Livepeer.Transcoding;

/// <summary>A source segment as pushed by a client: the bytes of one MPEG-TS or MP4 segment of a stream.</summary>
/// <param name="Duration">The client's <c>Content-Duration</c>, used for pricing estimates and playlists.</param>
[GenerateSerializer, Immutable]
public sealed record SourceSegment(
    [property: Id(0)] string ManifestId,
    [property: Id(1)] long SeqNo,
    [property: Id(2)] SegmentFormat Format,
    [property: Id(3)] TimeSpan Duration,
    [property: Id(4)] byte[] Data);

/// <summary>One encoded rendition of a segment.</summary>
/// <param name="Pixels">Encoded pixels (width × height × frames): what the orchestrator bills for.</param>
[GenerateSerializer, Immutable]
public sealed record Rendition(
    [property: Id(0)] string ProfileName,
    [property: Id(1)] int Width,
    [property: Id(2)] int Height,
    [property: Id(3)] long Pixels,
    [property: Id(4)] byte[] Data);

/// <summary>Every rendition of one segment, in profile order.</summary>
[GenerateSerializer, Immutable]
public sealed record TranscodedSegment(
    [property: Id(0)] long SeqNo,
    [property: Id(1)] TimeSpan Duration,
    [property: Id(2)] IReadOnlyList<Rendition> Renditions)
{
    public long TotalPixels => Renditions.Sum(r => r.Pixels);
}
