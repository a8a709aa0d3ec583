using Livepeer.Crypto;
using Livepeer.Payments;
using Livepeer.Transcoding;

namespace Livepeer.Orchestrator;

/// <summary>
/// An orchestrator (go-livepeer's <c>core.Orchestrator</c>), keyed by its Ethereum address: issues ticket params,
/// takes paid segments, sends them to transcode workers over an Orleans stream and returns the renditions.
/// </summary>
public interface IOrchestratorGrain : IGrainWithStringKey
{
    /// <summary>Price and fresh ticket params for <paramref name="sender"/>.</summary>
    Task<OrchestratorInfo> GetOrchestratorInfo(EthAddress sender);

    /// <summary>
    /// Checks the payment in go-livepeer's order, transcodes the segment into every profile and debits the encoded
    /// pixels; errors come back as values, never as lost segments.
    /// </summary>
    Task<TranscodeOutcome> ProcessSegment(SegmentRequest request);

    /// <summary>Called by a worker when a job it took from the stream is done.</summary>
    Task CompleteJob(Guid jobId, TranscodeOutcome outcome);

    /// <summary>Counters of work and payments since activation.</summary>
    Task<OrchestratorStats> GetStats();

    /// <summary>The credit of a (sender, manifest) session, in wei.</summary>
    Task<BigRational> GetBalance(EthAddress sender, string manifestId);
}
