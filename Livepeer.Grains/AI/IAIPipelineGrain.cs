namespace Livepeer.AI;

/// <summary>
/// One (pipeline, model) an orchestrator serves, keyed <c>{pipeline}/{model}</c> (<see cref="AIPipelines.PipelineKey"/>):
/// its runners from aiModels.json, their readiness and the capacity they share. A warm model is activated when the node
/// starts and polls its runners from then on; a cold one on its first request.
/// </summary>
public interface IAIPipelineGrain : IGrainWithStringKey
{
    /// <summary>
    /// Reserves a slot on the least busy runner that is up, before the payment is processed as in go-livepeer's
    /// <c>handleAIRequest</c> (see shared spec: ai.md §5): 503 when no runner serves the model or all are busy.
    /// </summary>
    Task<AISlot> Reserve();

    /// <summary>Gives back a reserved slot whose job will not run (its payment was refused).</summary>
    Task Release(int runner);

    /// <summary>
    /// Runs the job on the runner of a reserved slot, tries another runner when one fails, and releases every slot it
    /// held. 502 when every runner tried failed.
    /// </summary>
    Task<AIResult> Run(AIJob job, int reservedRunner);

    /// <summary>
    /// As <see cref="Run"/>, for a streamed LLM request: the runner's events as they arrive, then the outcome. A runner
    /// that fails before its reply begins is replaced by another; one that breaks off mid-stream ends it with a 502.
    /// </summary>
    IAsyncEnumerable<AIStreamItem> RunStream(AIJob job, int reservedRunner);

    Task<AIPipelineStatus> GetStatus();
}

/// <summary>A reserved slot on runner <paramref name="Runner"/>, or why none was reserved.</summary>
[GenerateSerializer, Immutable]
public sealed record AISlot([property: Id(0)] int Runner, [property: Id(1)] AIError? Error)
{
    public static AISlot Refused(int statusCode, string message) => new(-1, new AIError(statusCode, message));
}

/// <summary>What a pipeline grain reports about itself.</summary>
[GenerateSerializer, Immutable]
public sealed record AIPipelineStatus(
    [property: Id(0)] string Pipeline,
    [property: Id(1)] string ModelId,
    [property: Id(2)] bool Warm,
    [property: Id(3)] int Capacity,
    [property: Id(4)] int InUse,
    [property: Id(5)] IReadOnlyList<AIRunnerStatus> Runners);

/// <param name="Health">The last <c>/health</c> status, or why it could not be read; null before the first check.</param>
/// <param name="HardwareInfo">The runner's <c>/hardware/info</c> JSON, read once it is ready.</param>
[GenerateSerializer, Immutable]
public sealed record AIRunnerStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] int Capacity,
    [property: Id(2)] int InUse,
    [property: Id(3)] bool Up,
    [property: Id(4)] string? Health,
    [property: Id(5)] string? HardwareInfo);
