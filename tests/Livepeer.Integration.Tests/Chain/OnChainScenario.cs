using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;
using Livepeer.Payments;
using Livepeer.Protocol.Ethereum;

namespace Livepeer.Integration.Tests.Chain;

/// <summary>
/// The steps the on-chain scenarios share: a self-delegated orchestrator active in the current round, and winning
/// tickets from the fixture's broadcaster to it made with our Sender and Recipient.
/// </summary>
public sealed class OnChainScenario(LivepeerProtocolFixture fixture)
{
    public static readonly BigInteger Eth = BigInteger.Pow(10, 18);
    public static readonly BigInteger EV = 8_000_000_000;
    public const long RewardCut = 100_000; // 10 %
    public const long FeeShare = 500_000; // 50 % to delegators

    /// <summary>Every ticket's face value: MaxFaceValue = EV + 1 (see <see cref="SignedWinnersAsync"/>).</summary>
    public static readonly BigInteger FaceValue = EV + 1;

    public EthAddress Orchestrator => fixture.Orchestrator.Address;

    /// <summary>Bonds and registers the orchestrator, then starts the round in which it is active.</summary>
    public async Task EnsureActiveOrchestratorAsync()
    {
        var bonding = fixture.BondingManager(fixture.Orchestrator);
        if (await bonding.IsActiveTranscoderAsync(Orchestrator))
        {
            await fixture.InitializeCurrentRoundAsync();
            return;
        }

        // A fresh round: transcoder() reverts in the locked last 10 % of one.
        await fixture.StartNextRoundAsync();
        var stake = 1000 * Eth;
        await fixture.LivepeerToken(fixture.Orchestrator).ApproveAsync(fixture.Protocol.BondingManager, stake);
        await bonding.BondAsync(stake, Orchestrator);
        await bonding.TranscoderAsync(RewardCut, FeeShare);
        Assert.True(await bonding.IsRegisteredTranscoderAsync(Orchestrator));
        Assert.False(await bonding.IsActiveTranscoderAsync(Orchestrator)); // it joins the pool for the next round (§7.2)

        await fixture.StartNextRoundAsync();
        Assert.True(await bonding.IsActiveTranscoderAsync(Orchestrator));
    }

    /// <summary>
    /// Tickets from our Sender to our Recipient, all winners, with their params' expiration block.
    /// <paramref name="senderView"/> replaces the broadcaster's on-chain info the Recipient and Sender judge it by,
    /// to make tickets they would refuse (for an unlocking sender).
    /// </summary>
    public async Task<(IReadOnlyList<SignedTicket> Tickets, long ExpirationBlock)> SignedWinnersAsync(int count, SenderInfo? senderView = null)
    {
        var time = new ChainTimeManager(fixture.Rpc, fixture.RoundsManager());
        await time.RefreshAsync();
        var broadcaster = fixture.Broadcaster.Address;
        var senders = new SenderMonitor(transcoderPoolSize: 1);
        senders.Update(broadcaster, senderView ?? await fixture.TicketBroker().GetSenderInfoAsync(broadcaster));

        // A face value one wei above EV with a tiny gas price: winProb ≈ 2^256 × EV / (EV + 1), so practically every
        // ticket wins, and the sender still accepts the params.
        var recipient = new Recipient(Orchestrator, EthKey.Generate().PrivateKeyBytes(), new TicketParamsConfig { EV = EV, MaxFaceValue = FaceValue },
            time, senders, new FixedGasPrice(1));
        var ticketParams = recipient.TicketParams(broadcaster, new PriceInfo(1, 1)).Value;
        Assert.Equal(time.LastInitializedRound, ticketParams.ExpirationParams.CreationRound);

        var sender = new Sender(fixture.Broadcaster, time, senders, new SenderLimits());
        var batch = sender.CreateTicketBatch(sender.StartSession(ticketParams), count).Value;
        var tickets = batch.Tickets();
        var winners = new List<SignedTicket>();
        for (var i = 0; i < count; i++)
        {
            var received = recipient.ReceiveTicket(tickets[i], batch.SenderParams[i].Sig, ticketParams.Seed);
            Assert.True(received.Won, received.Error?.Message ?? "the ticket lost");
            winners.Add(received.WinningTicket);
        }

        return (winners, ticketParams.ExpirationBlock);
    }

    public async Task MineToAsync(long block)
    {
        var head = await fixture.Rpc.BlockNumberAsync();
        if (block > head)
        {
            await fixture.Rpc.MineAsync(block - head);
        }
    }

    /// <summary>
    /// pendingFees grows by the amount paid up to the cumulative-factor rounding of protocol-contracts.md §7.4: the
    /// self-delegated orchestrator is both the transcoder (commission) and the only delegator (feeShare).
    /// </summary>
    public static void AssertFeesGrew(BigInteger before, BigInteger amount, BigInteger after, string? step = null)
    {
        var growth = after - before;
        Assert.True(BigInteger.Abs(growth - amount) <= 2, $"{step}{(step is null ? "" : ": ")}pendingFees grew by {growth}, expected {amount}");
    }
}
