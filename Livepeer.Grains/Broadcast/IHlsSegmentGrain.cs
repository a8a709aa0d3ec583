using Livepeer.Transcoding;
using Orleans.Concurrency;

namespace Livepeer.Broadcast;

/// <summary>
/// The renditions of one segment of a stream's HLS window, keyed <c>{manifestId}/{seqNo}</c>
/// (<see cref="HlsSegmentGrain.Key"/>): written once when the segment is transcoded, served while the window lists it,
/// cleared when it falls out. Durable, so the window plays on after the gateway silo that transcoded it is gone.
/// </summary>
public interface IHlsSegmentGrain : IGrainWithStringKey
{
    /// <summary>Keeps the segment's renditions (again, after a retried segment was transcoded anew).</summary>
    Task Store(TranscodedSegment segment);

    /// <summary>One rendition's bytes, or null if this segment has no such rendition (or was cleared).</summary>
    [AlwaysInterleave]
    Task<byte[]?> GetRendition(string rendition);

    /// <summary>Forgets the segment: it left the window.</summary>
    Task Clear();
}
