namespace Livepeer.Transcoding;

/// <summary>Turns one source segment into one rendition per profile.</summary>
public interface ISegmentTranscoder
{
    /// <summary>Name of the engine and its device, for logs and benchmarks.</summary>
    string Name { get; }

    /// <exception cref="TranscodeException">The segment is invalid, or the engine failed.</exception>
    Task<TranscodedSegment> TranscodeAsync(SourceSegment segment, IReadOnlyList<VideoProfile> profiles, CancellationToken cancellationToken);
}
