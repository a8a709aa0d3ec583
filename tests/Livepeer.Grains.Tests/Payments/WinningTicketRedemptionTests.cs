using System.Numerics;
using Livepeer.Payments;
using Livepeer.Protocol;

namespace Livepeer.Grains.Tests.Payments;

/// <summary>
/// A winning ticket goes from the orchestrator's durable queue to the embedded TicketBroker exactly once, whatever
/// crashes in between.
/// </summary>
public sealed class WinningTicketRedemptionTests(PaymentClusterFixture fixture) : IClassFixture<PaymentClusterFixture>, IAsyncLifetime
{
    private static readonly BigInteger EV = 8_000_000_000;

    /// <summary>Past the params' expiry (40 blocks of 12 s), when redemption may reveal recipientRand.</summary>
    private static readonly TimeSpan PastExpiry = TimeSpan.FromSeconds(41 * 12);

    private IWinningTicketQueueGrain Queue => fixture.Client.GetGrain<IWinningTicketQueueGrain>(fixture.Keys.Orchestrator.Address.ToString());

    public async Task InitializeAsync()
    {
        var gateway = fixture.Keys.Gateway.Address;
        if ((await fixture.Broker.GetSenderInfo(gateway)).Deposit.IsZero)
            await fixture.Broker.FundDepositAndReserve(gateway, BigInteger.Pow(10, 18), BigInteger.Pow(10, 18));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Ticket_won_before_a_crash_is_redeemed_once_after_the_restart()
    {
        var winner = await WinAsync();
        var feesBefore = await Fees();
        await Queue.Enqueue([winner]);
        Assert.Equal(0, (await Queue.RedeemDue()).Redeemed);

        await fixture.CrashAsync();
        fixture.Time.Advance(PastExpiry);

        var report = await Queue.RedeemDue();
        Assert.Equal(1, report.Redeemed);
        Assert.Equal(winner.Ticket.FaceValue, report.Paid);
        Assert.Equal(feesBefore + winner.Ticket.FaceValue, await Fees());
        Assert.True(await fixture.Broker.IsUsedTicket(winner.Ticket.Hash()));

        var again = await Queue.RedeemDue();
        Assert.Equal((0, 0), (again.Redeemed, again.Waiting));
        Assert.Equal(feesBefore + winner.Ticket.FaceValue, await Fees());
    }

    [Fact]
    public async Task Ticket_the_ledger_paid_before_the_queue_recorded_it_is_not_paid_twice()
    {
        var winner = await WinAsync();
        var feesBefore = await Fees();
        await Queue.Enqueue([winner]);
        fixture.Time.Advance(PastExpiry);
        // The ledger's transaction went through, then the node died before the queue wrote it down.
        Assert.True((await fixture.Broker.RedeemWinningTicket(winner)).Succeeded);
        await fixture.CrashAsync();

        var report = await Queue.RedeemDue();

        Assert.Equal((0, 1, 0), (report.Redeemed, report.Dropped, report.Waiting));
        Assert.Equal(feesBefore + winner.Ticket.FaceValue, await Fees());
    }

    [Fact]
    public async Task The_same_ticket_queued_twice_is_kept_once()
    {
        var winner = await WinAsync();
        await Queue.Enqueue([winner]);
        await Queue.Enqueue([winner, winner]);

        Assert.Single(await Queue.GetQueued(), q => q.Ticket.Ticket.Hash() == winner.Ticket.Hash());
        fixture.Time.Advance(PastExpiry);
        await Queue.RedeemDue();
    }

    [Fact]
    public async Task Ticket_left_past_its_validity_period_is_dropped_not_redeemed()
    {
        var winner = await WinAsync();
        var feesBefore = await Fees();
        await Queue.Enqueue([winner]);

        // Three rounds later the contract would say "ticket is expired".
        fixture.Time.Advance(TimeSpan.FromSeconds(3 * EmbeddedChainClock.DefaultRoundLength * 12));
        var report = await Queue.RedeemDue();

        Assert.Equal((0, 1), (report.Redeemed, report.Dropped));
        Assert.Equal(feesBefore, await Fees());
    }

    /// <summary>A ticket signed by the gateway's sender grain that wins against this node's orchestrator.</summary>
    private async Task<SignedTicket> WinAsync()
    {
        // A face value one wei above EV makes winProb ≈ 2^256 × EV / (EV + 1): practically every ticket wins, and the
        // sender still accepts the params (it refuses EV == face value).
        var recipient = fixture.NewRecipient(new TicketParamsConfig { EV = EV, MaxFaceValue = EV + 1 }, gasPrice: 1);
        var ticketParams = recipient.TicketParams(fixture.Keys.Gateway.Address, new PriceInfo(1, 1)).Value;
        var batch = await fixture.Client.GetGrain<ITicketSenderGrain>(fixture.Keys.Gateway.Address.ToString()).CreateTicketBatch(ticketParams, 1);
        Assert.Null(batch.Error);
        var ticket = batch.Batch!.Tickets()[0];
        var received = recipient.ReceiveTicket(ticket, batch.Batch.SenderParams[0].Sig, ticketParams.Seed);
        Assert.True(received.Won, received.Error?.Message ?? "the ticket lost");
        return received.WinningTicket;
    }

    private Task<BigInteger> Fees() => fixture.Broker.GetFees(fixture.Keys.Orchestrator.Address);
}
