namespace Livepeer.AI;

/// <summary>
/// One (pipeline, model) an orchestrator serves, keyed <c>{pipeline}/{model}</c> (<see cref="AIPipelines.PipelineKey"/>):
/// its runners from aiModels.json, their readiness and the capacity they share. A warm model is activated when the node
/// starts and polls its runners from then on; a cold one on its first request.
/// </summary>
public interface IAIPipelineGrain : IGrainWithStringKey
{
    /// <summary>
    /// Reserves a slot, runs the job on the least busy runner that is up, tries another runner when one fails, and
    /// releases the slot. 503 when no runner serves the model or all are busy; 502 when every runner tried failed.
    /// </summary>
    Task<AIResult> Run(AIJob job);

    Task<AIPipelineStatus> GetStatus();
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
