using Livepeer.Node;
using Livepeer.Rounds;

namespace Livepeer.Silo.Hosting;

/// <summary>
/// Starts the orchestrator's block reminder once the silo is up. The embedded node keeps reminders in memory, so this
/// runs at every start; the winning-ticket queue is durable, so tickets left by a crash are redeemed after the restart.
/// </summary>
internal sealed class RoundsStartup(IGrainFactory grains, NodeKeys keys) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        grains.GetGrain<IRoundsGrain>(keys.Orchestrator.Address.ToString()).Start();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
