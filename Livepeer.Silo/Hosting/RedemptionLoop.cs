using Livepeer.Node;
using Livepeer.Payments;
using Livepeer.Protocol;

namespace Livepeer.Silo.Hosting;

/// <summary>
/// On every L1 block of the embedded chain, asks the node's winning-ticket queue to redeem what has become due, as
/// go-livepeer's redeemer does on each new block. The queue is durable, so a ticket left by a crash is picked up here
/// after the restart.
/// </summary>
internal sealed class RedemptionLoop(IGrainFactory grains, NodeKeys keys, TimeProvider time, ILogger<RedemptionLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = grains.GetGrain<IWinningTicketQueueGrain>(keys.Orchestrator.Address.ToString());
        using var timer = new PeriodicTimer(EmbeddedChainClock.L1BlockTime, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var report = await queue.RedeemDue();
                if (report.Redeemed + report.Retrying + report.Dropped > 0)
                    logger.LogInformation("Redemption: {Redeemed} redeemed ({Paid} wei), {Retrying} retrying, {Dropped} dropped, {Waiting} waiting",
                        report.Redeemed, report.Paid, report.Retrying, report.Dropped, report.Waiting);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The tickets stay queued; the next block tries again.
                logger.LogError(e, "Redemption pass failed");
            }
        }
    }
}
