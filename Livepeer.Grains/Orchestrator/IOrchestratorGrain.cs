using Livepeer.AI;
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

    /// <summary>The price of one AI (pipeline, model) and ticket params at that price; null when this orchestrator does not offer it.</summary>
    Task<OrchestratorInfo?> GetAIOrchestratorInfo(EthAddress sender, string pipeline, string modelId);

    /// <summary>
    /// Checks the payment as for a segment (balance per sender and <c>{capability}_{model}</c>), runs the job on the
    /// model's pipeline grain and debits its units × price. Payment failures come back as 402.
    /// </summary>
    Task<AIResult> ProcessAIJob(AIJobRequest request);

    /// <summary>Called by a worker when a job it took from the stream is done.</summary>
    Task CompleteJob(Guid jobId, TranscodeOutcome outcome);

    /// <summary>Counters of work and payments since activation.</summary>
    Task<OrchestratorStats> GetStats();

    /// <summary>The credit of a (sender, manifest) session, in wei.</summary>
    Task<BigRational> GetBalance(EthAddress sender, string manifestId);
}
