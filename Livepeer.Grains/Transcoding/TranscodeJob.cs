namespace Livepeer.Transcoding;

/// <summary>A segment to transcode, as assembled by a worker from the chunks the orchestrator streamed to it.</summary>
/// <param name="OrchestratorId">Key of the orchestrator grain that waits for the outcome.</param>
public sealed record TranscodeJob(Guid JobId, string OrchestratorId, SourceSegment Segment, IReadOnlyList<VideoProfile> Profiles);

/// <summary>
/// What a job's first chunk carries besides data: everything about the segment except its bytes.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TranscodeJobHeader(
    [property: Id(0)] string OrchestratorId,
    [property: Id(1)] string ManifestId,
    [property: Id(2)] long SeqNo,
    [property: Id(3)] SegmentFormat Format,
    [property: Id(4)] TimeSpan Duration,
    [property: Id(5)] int TotalBytes,
    [property: Id(6)] IReadOnlyList<VideoProfile> Profiles);

/// <summary>
/// One event on a worker's stream. Stream queues cap the size of an event (Orleans' memory streams at 1 MiB, hosted
/// queues lower still) while a 1080p segment is larger, so a segment travels as ordered chunks.
/// </summary>
/// <param name="Header">Set on the first chunk (index 0) only.</param>
[GenerateSerializer, Immutable]
public sealed record TranscodeJobChunk(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] int Index,
    [property: Id(2)] int Count,
    [property: Id(3)] byte[] Data,
    [property: Id(4)] TranscodeJobHeader? Header);

/// <summary>The outcome of a <see cref="TranscodeJob"/>: renditions, or an error.</summary>
[GenerateSerializer, Immutable]
public sealed record TranscodeOutcome(
    [property: Id(0)] TranscodedSegment? Segment,
    [property: Id(1)] TranscodeError? Error)
{
    public static TranscodeOutcome Success(TranscodedSegment segment) => new(segment, null);

    public static TranscodeOutcome Failure(TranscodeError error) => new(null, error);
}

/// <summary>Names of the Orleans stream plumbing that carries segments to workers.</summary>
public static class TranscodeStreams
{
    /// <summary>The stream provider registered by every silo.</summary>
    public const string Provider = "Segments";

    /// <summary>Stream namespace; a stream's key is the key of the worker grain that implicitly subscribes to it.</summary>
    public const string Namespace = "transcode";
}
