using Livepeer.Transcoding;

namespace Livepeer.Orchestrator;

/// <summary>
/// An orchestrator (go-livepeer's <c>core.Orchestrator</c>), keyed by its Ethereum address: takes paid segments, sends
/// them to transcode workers over an Orleans stream and returns the renditions.
/// </summary>
public interface IOrchestratorGrain : IGrainWithStringKey
{
    /// <summary>Transcodes one segment into every profile; errors come back as values, never as lost segments.</summary>
    Task<TranscodeOutcome> ProcessSegment(SourceSegment segment, IReadOnlyList<VideoProfile> profiles);

    /// <summary>Called by a worker when a job it took from the stream is done.</summary>
    Task CompleteJob(Guid jobId, TranscodeOutcome outcome);
}
