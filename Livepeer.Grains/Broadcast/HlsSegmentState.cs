using Livepeer.Transcoding;

namespace Livepeer.Broadcast;

/// <summary>The renditions of one HLS window segment.</summary>
[GenerateSerializer]
public sealed class HlsSegmentState
{
    [Id(0)] public TranscodedSegment? Segment { get; set; }
}
