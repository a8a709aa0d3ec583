namespace Livepeer.Transcoding;

/// <summary>A segment on its way from the orchestrator grain to a transcode worker, carried by an Orleans stream.</summary>
/// <param name="OrchestratorId">Key of the orchestrator grain that waits for the outcome.</param>
[GenerateSerializer, Immutable]
public sealed record TranscodeJob(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] string OrchestratorId,
    [property: Id(2)] SourceSegment Segment,
    [property: Id(3)] IReadOnlyList<VideoProfile> Profiles);

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
