namespace Livepeer.AI;

/// <summary>
/// The gateway's AI session for one (pipeline, model), keyed <c>{pipeline}/{model}</c> (go-livepeer's per-capability
/// <c>AISession</c>): pays the orchestrator for each job with tickets, units × the model's price, and returns the
/// runner's answer.
/// </summary>
public interface IAISessionGrain : IGrainWithStringKey
{
    Task<AIResult> Process(AIJob job);

    /// <summary>As <see cref="Process"/> for a streamed LLM request: the runner's events as they arrive, then the outcome.</summary>
    IAsyncEnumerable<AIStreamItem> ProcessStream(AIJob job);
}
