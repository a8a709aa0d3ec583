using Livepeer.AI;

namespace Livepeer.Silo.Hosting;

/// <summary>
/// Activates the pipeline grain of every warm model in aiModels.json once the silo is up, so that its runners are polled
/// and ready before the first request (go-livepeer starts warm containers at boot); cold models wait for a request.
/// </summary>
internal sealed class AIWarmModels(IGrainFactory grains, AIModels models, ILogger<AIWarmModels> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (pipeline, modelId) in models.Configs.Where(c => c.Warm).Select(c => (c.Pipeline, c.ModelId)).Distinct())
        {
            var status = await grains.GetGrain<IAIPipelineGrain>(AIPipelines.PipelineKey(pipeline, modelId)).GetStatus();
            logger.LogInformation("AI {Pipeline} {ModelId} is warm: capacity {Capacity}, runners: {Runners}", pipeline, modelId,
                status.Capacity, status.Runners.Count == 0 ? "none" : string.Join(", ", status.Runners.Select(r => r.Name)));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
