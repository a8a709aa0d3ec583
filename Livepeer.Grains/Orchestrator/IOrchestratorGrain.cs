using Livepeer.AI;
using Livepeer.Crypto;
using Livepeer.Payments;
using Livepeer.Transcoding;

namespace Livepeer.Orchestrator;

/// <summary>
/// An orchestrator (go-livepeer's <c>core.Orchestrator</c>), keyed by its Ethereum address: issues ticket params,
/// takes paid segments, sends them to transcode workers over an Orleans stream and returns the renditions. The wire
/// handlers of the service port (GetOrchestrator, <c>POST /segment</c>) call it in go-livepeer's order.
/// </summary>
public interface IOrchestratorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Fresh ticket params for <paramref name="sender"/> at <paramref name="price"/> (the base price, or the sum of the
    /// requested models' prices; see shared spec: network.md §4.2), and whether a new session would be taken.
    /// </summary>
    Task<OrchestratorInfo> GetOrchestratorInfo(EthAddress sender, PriceInfo price);

    /// <summary>
    /// Takes a session slot, then checks the payment in go-livepeer's order and the balance; a segment admitted must be
    /// followed by <see cref="TranscodeSegment"/> or <see cref="AbandonSegment"/>.
    /// </summary>
    Task<SegmentAdmission> AdmitSegment(SegmentPayment payment);

    /// <summary>Transcodes an admitted segment into every profile and debits the encoded pixels; errors come back as values.</summary>
    Task<TranscodeOutcome> TranscodeSegment(SegmentWork work);

    /// <summary>Gives back the slot of an admitted segment that will not be transcoded (e.g. its hash did not match).</summary>
    Task AbandonSegment(string sessionId);

    /// <summary>go-livepeer's <c>EndTranscodingSession</c>: frees the session's slot.</summary>
    Task EndSession(string sessionId);

    /// <summary>The price of one AI (pipeline, model) and ticket params at that price; null when this orchestrator does not offer it.</summary>
    Task<OrchestratorInfo?> GetAIOrchestratorInfo(EthAddress sender, string pipeline, string modelId);

    /// <summary>
    /// Checks the payment as for a segment (balance per sender and <c>{capability}_{model}</c>), runs the job on the
    /// model's pipeline grain and debits its units × price. Payment failures come back as 402.
    /// </summary>
    Task<AIResult> ProcessAIJob(AIJobRequest request);

    /// <summary>As <see cref="ProcessAIJob"/> for a streamed LLM request: the runner's events as they arrive, then the outcome.</summary>
    IAsyncEnumerable<AIStreamItem> ProcessAIStream(AIJobRequest request);

    /// <summary>Called by a worker when a job it took from the stream is done.</summary>
    Task CompleteJob(Guid jobId, TranscodeOutcome outcome);

    /// <summary>Counters of work and payments since activation.</summary>
    Task<OrchestratorStats> GetStats();

    /// <summary>The credit of a (sender, manifest) session, in wei.</summary>
    Task<BigRational> GetBalance(EthAddress sender, string manifestId);
}
