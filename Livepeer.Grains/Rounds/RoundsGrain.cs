using Livepeer.Crypto;
using Livepeer.Node;
using Livepeer.Payments;
using Livepeer.Protocol;
using Livepeer.Protocol.Ethereum;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Livepeer.Rounds;

[OrchestratorPlacement]
public sealed class RoundsGrain(IOptions<NodeOptions> options, TimeProvider time, ILogger<RoundsGrain> logger)
    : Grain, IRoundsGrain, IRemindable
{
    private const string BlockReminder = "block";

    private IRoundsClient? _rounds;
    private RoundInitializer _initializer = null!;
    private RewardPolicy _reward = null!;
    private IGrainTimer? _initializeTimer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _rounds = ServiceProvider.GetService<IRoundsClient>();
        _initializer = new RoundInitializer(options.Value.InitializeRound, options.Value.InitializeRoundMaxDelay, time, Random.Shared);
        _reward = new RewardPolicy(options.Value.Reward);
        return Task.CompletedTask;
    }

    async Task IRoundsGrain.Start()
    {
        // One tick per L1 block: the chain's 12 s, or the embedded ledger's block time.
        var block = _rounds is null ? options.Value.EmbeddedBlockTime : EmbeddedChainClock.DefaultBlockTime;
        await this.RegisterOrUpdateReminder(BlockReminder, block, block);
    }

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
        var queue = GrainFactory.GetGrain<IWinningTicketQueueGrain>(this.GetPrimaryKeyString());
        // Rounds first: a ticket can only be redeemed in an initialized round, so until then redemption waits.
        if (_rounds is not null && !await RoundWorkAsync(_rounds))
            return new RedemptionReport(0, 0, 0, (await queue.GetQueued()).Count, 0);
        var report = await queue.RedeemDue();
        if (report.Redeemed + report.Retrying + report.Dropped > 0)
            logger.LogInformation("Redemption: {Redeemed} redeemed ({Paid} wei), {Retrying} retrying, {Dropped} dropped, {Waiting} waiting",
                report.Redeemed, report.Paid, report.Retrying, report.Dropped, report.Waiting);
        return report;
    }

    /// <summary>Initializes the round and calls reward when due; returns whether the current round is initialized.</summary>
    private async Task<bool> RoundWorkAsync(IRoundsClient rounds)
    {
        var orchestrator = EthAddress.Parse(this.GetPrimaryKeyString());
        try
        {
            var round = await rounds.ReadAsync(orchestrator);
            if (_initializer.ShouldInitialize(round))
            {
                if (await rounds.InitializeRoundAsync())
                    logger.LogInformation("Initialized round {Round}", round.CurrentRound);
                round = await rounds.ReadAsync(orchestrator);
            }
            else if (_initializer.PlannedRound is not null && _initializeTimer is null)
            {
                // Come back when the random delay is over rather than at the next block, which may be a while.
                _initializeTimer = this.RegisterGrainTimer(async _ =>
                {
                    _initializeTimer?.Dispose();
                    _initializeTimer = null;
                    await OnBlockAsync();
                }, _initializer.DueAt - time.GetUtcNow(), Timeout.InfiniteTimeSpan);
            }
            if (_reward.ShouldReward(round))
            {
                try
                {
                    await rounds.RewardAsync();
                    logger.LogInformation("Called reward for round {Round}", round.CurrentRound);
                }
                catch (ContractRevertException e)
                {
                    logger.LogError("Reward for round {Round} refused: {Error}", round.CurrentRound, e.Message);
                }
                _reward.Attempted(round.CurrentRound);
            }
            return round.Initialized;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // RPC down after its retries, a revert (with the contract's reason), a gas price above the maximum: the next
            // block tries again, and redemption tries on its own.
            logger.LogError("Round work for orchestrator {Orchestrator} failed: {Error}", orchestrator, e.Message);
            return true;
        }
    }
}
