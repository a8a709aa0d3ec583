using Livepeer.Node;
using Livepeer.Protocol.Ethereum;
using Livepeer.Rounds;
using Microsoft.Extensions.Options;

namespace Livepeer.Silo.Hosting;

/// <summary>
/// On chain, polls the head every <see cref="NodeOptions.BlockPollingInterval"/> (go-livepeer's block watcher): keeps
/// the chain clock and gas price fresh and hands every new L1 block to the orchestrator's rounds grain, which
/// initializes the round, calls reward and redeems due tickets. The grain's own reminder stays as a backstop.
/// </summary>
internal sealed class BlockWatcher(
    EthereumConnection chain, IGrainFactory grains, NodeKeys keys, IOptions<NodeOptions> options, TimeProvider time, ILogger<BlockWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var account = keys.Orchestrator.Address;
        var sender = await chain.Ledger.GetSenderInfoAsync(account);
        logger.LogInformation(
            "On chain {ChainId} through {Endpoint}, Controller {Controller}: account {Account}, round {Round}; deposit {Deposit} wei, reserve {Reserve} wei",
            chain.ChainId, chain.Rpc.Endpoint, chain.Contracts.Controller.Address, account, chain.Time.CurrentRound, sender.Deposit, sender.Reserve);
        if (sender.Deposit.IsZero)
            logger.LogWarning("Account {Account} has no deposit: the gateway cannot pay until it is funded (scripts/node cli depositAndReserve ...)", account);

        var rounds = grains.GetGrain<IRoundsGrain>(account.ToString());
        using var timer = new PeriodicTimer(options.Value.BlockPollingInterval, time);
        do
        {
            try
            {
                var newBlock = await chain.Time.RefreshAsync(stoppingToken);
                await chain.GasPrice.RefreshAsync(stoppingToken);
                if (newBlock)
                    await rounds.OnBlock();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Block watcher: {Error}; trying again in {Interval}", e.Message, options.Value.BlockPollingInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
