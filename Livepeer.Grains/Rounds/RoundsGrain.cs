using Livepeer.Node;
using Livepeer.Payments;
using Livepeer.Protocol;
using Microsoft.Extensions.Logging;

namespace Livepeer.Rounds;

[OrchestratorPlacement]
public sealed class RoundsGrain(ILogger<RoundsGrain> logger) : Grain, IRoundsGrain, IRemindable
{
    private const string BlockReminder = "block";

    async Task IRoundsGrain.Start() =>
        await this.RegisterOrUpdateReminder(BlockReminder, EmbeddedChainClock.L1BlockTime, EmbeddedChainClock.L1BlockTime);

    Task<RedemptionReport> IRoundsGrain.OnBlock() => OnBlockAsync();

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        try
        {
            await OnBlockAsync();
        }
        catch (Exception e)
        {
            // The tickets stay queued; the next block tries again.
            logger.LogError(e, "Block work failed for orchestrator {Orchestrator}", this.GetPrimaryKeyString());
        }
    }

    private async Task<RedemptionReport> OnBlockAsync()
    {
        var report = await GrainFactory.GetGrain<IWinningTicketQueueGrain>(this.GetPrimaryKeyString()).RedeemDue();
        if (report.Redeemed + report.Retrying + report.Dropped > 0)
            logger.LogInformation("Redemption: {Redeemed} redeemed ({Paid} wei), {Retrying} retrying, {Dropped} dropped, {Waiting} waiting",
                report.Redeemed, report.Paid, report.Retrying, report.Dropped, report.Waiting);
        return report;
    }
}
