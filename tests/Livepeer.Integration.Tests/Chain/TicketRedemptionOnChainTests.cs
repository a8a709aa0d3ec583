using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;
using Livepeer.Payments;
using Livepeer.Protocol;
using Livepeer.Protocol.Ethereum;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Livepeer.Integration.Tests.Chain;

/// <summary>
/// Rounds long enough (50 blocks) that tickets whose params expire 40 blocks after issue are still within the
/// 2-round validity period when redeemed, as on mainnet where a round is 5760 blocks.
/// </summary>
public sealed class LongRoundsProtocolFixture() : LivepeerProtocolFixture(new ProtocolParameters { RoundLength = 50 });

/// <summary>
/// The end-to-end scenario of shared spec: protocol-contracts.md §16.5 with the node's own code: an orchestrator
/// registers, a broadcaster funds, our Sender signs tickets against our Recipient's params, and the production
/// TicketBroker client redeems them.
/// </summary>
public sealed class TicketRedemptionOnChainTests(LongRoundsProtocolFixture fixture, ITestOutputHelper output)
    : IClassFixture<LongRoundsProtocolFixture>
{
    private static readonly BigInteger Eth = OnChainScenario.Eth;

    private readonly OnChainScenario scenario = new(fixture);

    private EthAddress Orchestrator => fixture.Orchestrator.Address;

    [Fact]
    public async Task Orchestrator_registers_broadcaster_funds_and_tickets_are_redeemed_once()
    {
        var bonding = fixture.BondingManager(fixture.Orchestrator);
        var broker = fixture.TicketBroker(fixture.Orchestrator);
        await scenario.EnsureActiveOrchestratorAsync();
        await EnsureFundedBroadcasterAsync();
        var transcoder = await bonding.GetTranscoderAsync(Orchestrator);
        Assert.Equal((OnChainScenario.RewardCut, OnChainScenario.FeeShare), ((long)transcoder.RewardCut, (long)transcoder.FeeShare));
        Assert.True(await bonding.IsActiveTranscoderAsync(Orchestrator));

        var (tickets, expirationBlock) = await WinningTicketsAsync(4);
        // Redeem only once the params have expired, so recipientRand is not revealed while they are in use (§15.3).
        await scenario.MineToAsync(expirationBlock);
        await fixture.InitializeCurrentRoundAsync();
        var faceValue = tickets[0].Ticket.FaceValue;
        var feesBefore = await bonding.PendingFeesAsync(Orchestrator);

        var single = await broker.RedeemWinningTicketAsync(tickets[0]);

        Assert.True(single.Succeeded);
        Assert.True(await broker.IsUsedAsync(tickets[0].Ticket.Hash()));
        // Self-delegated, the orchestrator is both the transcoder (commission) and the only delegator (feeShare): it
        // gets the whole face value, up to the cumulative-factor rounding of §7.4.
        OnChainScenario.AssertFeesGrew(feesBefore, faceValue, await bonding.PendingFeesAsync(Orchestrator));
        Assert.Equal(Eth - faceValue, (await broker.GetSenderInfoAsync(fixture.Broadcaster.Address)).Deposit);

        var replay = await Assert.ThrowsAsync<ContractRevertException>(() => broker.RedeemWinningTicketAsync(tickets[0]));
        Assert.Equal(TicketBrokerErrors.TicketUsed, replay.Reason);

        var feesBeforeBatch = await bonding.PendingFeesAsync(Orchestrator);
        var batch = await broker.BatchRedeemWinningTicketsAsync([tickets[1], tickets[2]]);

        Assert.True(batch.Succeeded);
        Assert.True(await broker.IsUsedAsync(tickets[1].Ticket.Hash()));
        Assert.True(await broker.IsUsedAsync(tickets[2].Ticket.Hash()));
        OnChainScenario.AssertFeesGrew(feesBeforeBatch, 2 * faceValue, await bonding.PendingFeesAsync(Orchestrator));
        // The round's first redemption also pays for first writes (earnings pool, sender's deposit slot); compare
        // the batch with a second single redemption.
        var warmSingle = await broker.RedeemWinningTicketAsync(tickets[3]);
        output.WriteLine(
            $"gas: redeemWinningTicket {single.GasUsed} (first in round), {warmSingle.GasUsed} (next); " +
            $"batchRedeemWinningTickets of 2: {batch.GasUsed} ({batch.GasUsed / 2} per ticket)");

        // The fees leave the Minter by withdrawFees, in part and to another recipient.
        var fees = await bonding.PendingFeesAsync(Orchestrator);
        var withdrawn = await bonding.WithdrawFeesAsync(EthKey.Generate().Address, fees - 1);
        Assert.True(withdrawn.Succeeded);
        Assert.Equal(BigInteger.One, await bonding.PendingFeesAsync(Orchestrator));
    }

    [Fact]
    public async Task A_transaction_that_fails_once_mined_reports_the_reason_from_a_replay()
    {
        await scenario.EnsureActiveOrchestratorAsync();
        await EnsureFundedBroadcasterAsync();
        var (tickets, expirationBlock) = await WinningTicketsAsync(1);
        await scenario.MineToAsync(expirationBlock);
        await fixture.InitializeCurrentRoundAsync();
        var broker = fixture.TicketBroker(fixture.Orchestrator);
        Assert.True((await broker.RedeemWinningTicketAsync(tickets[0])).Succeeded);

        // The replay carries a gas limit of its own, so no gas estimate refuses it before it is mined: the mined
        // transaction fails, and the reason comes from replaying it.
        var replay = fixture.SenderFor(fixture.Orchestrator).SendAsync(
            fixture.Protocol.TicketBroker, TicketBrokerClient.RedeemWinningTicket, TicketBrokerClient.Arguments(tickets[0]), gasLimit: 500_000);

        var failed = await Assert.ThrowsAsync<ContractRevertException>(() => replay);
        Assert.Equal(TicketBrokerErrors.TicketUsed, failed.Reason);
        Assert.NotNull(failed.Receipt);
        Assert.Equal(0, failed.Receipt.Status);
    }

    private async Task<(IReadOnlyList<WinningTicket> Tickets, long ExpirationBlock)> WinningTicketsAsync(int count)
    {
        var (tickets, expirationBlock) = await scenario.SignedWinnersAsync(count);
        return ([.. tickets.Select(WinningTicket.From)], expirationBlock);
    }

    [Fact]
    public async Task The_Ethereum_ledger_funds_redeems_and_reports_refusals_as_the_contract_reasons()
    {
        await scenario.EnsureActiveOrchestratorAsync();
        await EnsureFundedBroadcasterAsync();
        var ledger = new EthereumLedger(fixture.TicketBroker(fixture.Orchestrator));

        // From the orchestrator's account on behalf of another sender: fundDepositAndReserveFor.
        var other = EthKey.Generate().Address;
        var funded = await ledger.FundDepositAndReserveAsync(other, 5, 7);
        Assert.True(funded.Succeeded, funded.ToString());
        Assert.Equal<TicketBrokerEvent>([new ReserveFunded(other, 7), new DepositFunded(other, 5)], funded.Events);
        var info = await ledger.GetSenderInfoAsync(other);
        Assert.Equal((new BigInteger(5), new BigInteger(7), 0L), (info.Deposit, info.Reserve, info.WithdrawRound));

        var (tickets, expirationBlock) = await scenario.SignedWinnersAsync(1);
        var ticket = tickets[0];
        await scenario.MineToAsync(expirationBlock);
        await fixture.InitializeCurrentRoundAsync();
        Assert.False(await ledger.IsUsedAsync(ticket.Ticket.Sender, ticket.Ticket.Hash()));

        var redeemed = await ledger.RedeemAsync(ticket);

        Assert.Equal(new RedemptionResult(ticket.Ticket.FaceValue, null), redeemed);
        Assert.True(await ledger.IsUsedAsync(ticket.Ticket.Sender, ticket.Ticket.Hash()));
        Assert.Equal(new RedemptionResult(BigInteger.Zero, TicketBrokerErrors.TicketUsed), await ledger.RedeemAsync(ticket));
        var forged = ticket with { RecipientRand = ticket.RecipientRand + 1 };
        Assert.Equal(TicketBrokerErrors.RecipientRandMismatch, (await ledger.RedeemAsync(forged)).Error);
    }

    [Fact]
    public async Task The_redemption_pass_redeems_due_tickets_in_one_batch_transaction_and_keeps_a_refused_one_with_its_reason()
    {
        await scenario.EnsureActiveOrchestratorAsync();
        await EnsureFundedBroadcasterAsync();
        var (tickets, expirationBlock) = await scenario.SignedWinnersAsync(4);
        var forged = tickets[3] with { RecipientRand = tickets[3].RecipientRand + 1 };
        var queue = QueueOf([tickets[0], tickets[1], tickets[2], forged]);
        await scenario.MineToAsync(expirationBlock);
        await fixture.InitializeCurrentRoundAsync();
        var bonding = fixture.BondingManager();
        var feesBefore = await bonding.PendingFeesAsync(Orchestrator);
        var nonceBefore = await fixture.Rpc.GetTransactionCountAsync(Orchestrator, BlockParameter.Latest);

        var report = await PassAsync(new EthereumLedger(fixture.TicketBroker(fixture.Orchestrator)), queue);

        Assert.Equal((3, 1, 0, 1), (report.Redeemed, report.Retrying, report.Dropped, report.Waiting));
        Assert.Equal(3 * tickets[0].Ticket.FaceValue, report.Paid);
        Assert.Equal(nonceBefore + 1, await fixture.Rpc.GetTransactionCountAsync(Orchestrator, BlockParameter.Latest));
        OnChainScenario.AssertFeesGrew(feesBefore, 3 * tickets[0].Ticket.FaceValue, await bonding.PendingFeesAsync(Orchestrator));
        var kept = Assert.Single(queue.Tickets);
        Assert.Equal(TicketBrokerErrors.RecipientRandMismatch, kept.LastError);
    }

    [Fact]
    public async Task A_ticket_is_deferred_not_dropped_while_the_gas_price_is_above_the_max_or_the_RPC_is_down()
    {
        await scenario.EnsureActiveOrchestratorAsync();
        await EnsureFundedBroadcasterAsync();
        var (tickets, expirationBlock) = await scenario.SignedWinnersAsync(1);
        var queue = QueueOf(tickets);
        await scenario.MineToAsync(expirationBlock);
        await fixture.InitializeCurrentRoundAsync();

        var expensive = new TicketBrokerClient(fixture.Protocol.TicketBroker, fixture.Caller, fixture.SenderFor(fixture.Orchestrator, maxGasPrice: 1));
        var deferred = await PassAsync(new EthereumLedger(expensive), queue);

        Assert.Equal((0, 1, 0, 1), (deferred.Redeemed, deferred.Retrying, deferred.Dropped, deferred.Waiting));
        Assert.Contains("above the maximum of 1 wei", Assert.Single(queue.Tickets).LastError, StringComparison.Ordinal);

        using var http = new HttpClient();
        var down = new JsonRpcClient(http, new JsonRpcClientOptions(new Uri($"http://127.0.0.1:{Media.FreePorts.Next()}/"))
        {
            MaxRetryAttempts = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        });
        var unreachable = new TicketBrokerClient(fixture.Protocol.TicketBroker, new ContractCaller(down));
        var failed = await PassAsync(new EthereumLedger(unreachable), queue);

        Assert.Equal((0, 1, 0, 1), (failed.Redeemed, failed.Retrying, failed.Dropped, failed.Waiting));
        var queued = Assert.Single(queue.Tickets);
        Assert.Contains("failed after 3 attempts", queued.LastError, StringComparison.Ordinal);
        Assert.Equal(2, queued.Attempts);

        var redeemed = await PassAsync(new EthereumLedger(fixture.TicketBroker(fixture.Orchestrator)), queue);
        Assert.Equal((1, 0), (redeemed.Redeemed, redeemed.Waiting));
    }

    private static WinningTicketQueue QueueOf(IEnumerable<SignedTicket> tickets)
    {
        var queue = new WinningTicketQueue(new WinningTicketQueueState());
        foreach (var ticket in tickets)
        {
            queue.Add(ticket, DateTimeOffset.UtcNow);
        }

        return queue;
    }

    private async Task<RedemptionReport> PassAsync(ITicketRedeemer ledger, WinningTicketQueue queue)
    {
        var time = new ChainTimeManager(fixture.Rpc, fixture.RoundsManager());
        await time.RefreshAsync();
        return await new RedemptionPass(ledger, time, batchSize: 10, NullLogger.Instance).RunAsync(queue, () => Task.CompletedTask);
    }

    private async Task EnsureFundedBroadcasterAsync()
    {
        var broker = fixture.TicketBroker(fixture.Broadcaster);
        if ((await broker.GetSenderInfoAsync(fixture.Broadcaster.Address)).Deposit.IsZero)
        {
            var receipt = await broker.FundDepositAndReserveAsync(Eth, Eth);
            Assert.True(receipt.Succeeded);
            var info = await broker.GetSenderInfoAsync(fixture.Broadcaster.Address);
            Assert.Equal((Eth, Eth, 0L), (info.Deposit, info.Reserve, info.WithdrawRound));
        }
    }
}
