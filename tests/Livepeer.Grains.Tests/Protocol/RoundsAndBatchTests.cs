using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;
using Livepeer.Protocol;
using static Livepeer.Grains.Tests.Protocol.BrokerTestKit;

namespace Livepeer.Grains.Tests.Protocol;

/// <summary>
/// Round initialization (see shared spec: protocol-contracts.md §6) and batchRedeemWinningTickets (§8.3).
/// </summary>
public class RoundsAndBatchTests
{
    [Fact]
    public void Initializing_a_round_stores_its_hash_once()
    {
        var broker = new EmbeddedTicketBroker();
        Assert.False(broker.CurrentRoundInitialized);

        broker.AdvanceRound(4);
        Assert.Equal([new NewRound(4, BlockHash(4))], broker.InitializeRound(BlockHash(4)).Events);

        Assert.True(broker.CurrentRoundInitialized);
        Assert.Equal(BlockHash(4), broker.BlockHashForRound(4));
        Assert.True(broker.BlockHashForRound(3).IsZero);
        RevertsWith(TicketBrokerErrors.RoundAlreadyInitialized, broker.InitializeRound(BlockHash(99)));
        Assert.Equal(BlockHash(4), broker.BlockHashForRound(4));
    }

    [Fact]
    public void Initializing_reverts_while_paused_and_time_never_goes_back()
    {
        var broker = new EmbeddedTicketBroker();
        broker.AdvanceRound(4);
        broker.SetPaused(true);

        RevertsWith(TicketBrokerErrors.SystemPaused, broker.InitializeRound(BlockHash(4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => broker.AdvanceRound(3));
        Assert.Throws<ArgumentException>(() => broker.InitializeRound(Hash32.Zero));
    }

    [Fact]
    public void Batch_swallows_failing_tickets_and_keeps_the_good_ones()
    {
        // Verified on anvil: one good ticket plus one replay succeeds, and only the good one logs (spec §8.3).
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 1_000));
        var used = NewTicket(broker, 100, 1);
        Succeeds(Redeem(broker, used, 1));
        var good = NewTicket(broker, 200, 2);

        var batch = broker.BatchRedeemWinningTickets([used, good], [Sign(used, GatewayKey), Sign(good, GatewayKey)], [1, 2]);

        Succeeds(batch.Transaction);
        Assert.Equal(TicketBrokerErrors.TicketUsed, batch.Tickets[0].RevertReason);
        Succeeds(batch.Tickets[1]);
        Assert.Equal(batch.Tickets[1].Events, batch.Transaction.Events);
        Assert.Equal(700, broker.GetSenderInfo(Gateway).Deposit);
    }

    [Fact]
    public void Batch_redeems_tickets_in_order_against_the_running_balance()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 150));
        var tickets = new[] { NewTicket(broker, 100, 1), NewTicket(broker, 100, 2), NewTicket(broker, 100, 3) };

        var batch = broker.BatchRedeemWinningTickets(tickets, [.. tickets.Select(t => Sign(t, GatewayKey))], [1, 2, 3]);

        Assert.Equal(new WinningTicketTransfer(Gateway, Orch1, 100), batch.Tickets[0].Events[0]);
        Assert.Equal(new WinningTicketTransfer(Gateway, Orch1, 50), batch.Tickets[1].Events[0]);
        Assert.Equal(TicketBrokerErrors.SenderDepositAndReserveZero, batch.Tickets[2].RevertReason);
        Assert.Equal(4, batch.Transaction.Events.Count);
        Assert.Equal(150, broker.FeesCredited(Orch1));
    }

    [Fact]
    public void Batch_with_a_short_array_panics_and_undoes_everything()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 1_000));
        var first = NewTicket(broker, 100, 1);
        var second = NewTicket(broker, 100, 2);

        var shortSigs = broker.BatchRedeemWinningTickets([first, second], [Sign(first, GatewayKey)], [1, 2]);
        var shortRands = broker.BatchRedeemWinningTickets([first, second], [Sign(first, GatewayKey), Sign(second, GatewayKey)], [1]);

        RevertsWith(TicketBrokerErrors.PanicArrayOutOfBounds, shortSigs.Transaction);
        RevertsWith(TicketBrokerErrors.PanicArrayOutOfBounds, shortRands.Transaction);
        Assert.Empty(shortSigs.Tickets);
        Assert.False(broker.IsUsedTicket(first.Hash()));
        Assert.Equal(1_000, broker.GetSenderInfo(Gateway).Deposit);
    }

    [Fact]
    public void Batch_ignores_extra_signatures_and_rands()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 1_000));
        var ticket = NewTicket(broker, 100, 1);

        var batch = broker.BatchRedeemWinningTickets([ticket], [Sign(ticket, GatewayKey), [1, 2, 3]], [1, 2, 3]);

        Succeeds(Assert.Single(batch.Tickets));
    }

    [Fact]
    public void Batch_needs_an_unpaused_system_and_an_initialized_round()
    {
        var broker = NewBroker();

        var empty = broker.BatchRedeemWinningTickets([], [], []);
        Succeeds(empty.Transaction);
        Assert.Empty(empty.Transaction.Events);

        broker.AdvanceRound(StartRound + 1);
        RevertsWith(TicketBrokerErrors.CurrentRoundNotInitialized, broker.BatchRedeemWinningTickets([], [], []).Transaction);
        broker.SetPaused(true);
        RevertsWith(TicketBrokerErrors.SystemPaused, broker.BatchRedeemWinningTickets([], [], []).Transaction);
    }

    [Fact]
    public void Batch_of_off_chain_tickets()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 1_000));
        var onChain = NewTicket(broker, 100, 9, senderNonce: 4);
        var offChain = RedeemPaymentTests.ToOffChain(onChain, broker.CurrentRound, broker.BlockHashForRound(broker.CurrentRound));

        var batch = broker.BatchRedeemWinningTickets([new SignedTicket(offChain, Sign(onChain, GatewayKey), 9)]);

        Succeeds(Assert.Single(batch.Tickets));
        Assert.Equal(900, broker.GetSenderInfo(Gateway).Deposit);
    }

    [Fact]
    public void Pruning_forgets_only_expired_used_tickets_and_replays_still_fail()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 1_000));
        var old = NewTicket(broker, 100, 1);
        Succeeds(Redeem(broker, old, 1));
        AdvanceTo(broker, StartRound + 1);
        var recent = NewTicket(broker, 100, 2);
        Succeeds(Redeem(broker, recent, 2));
        AdvanceTo(broker, StartRound + 2);

        Assert.Equal(1, broker.PruneExpiredUsedTickets());

        Assert.False(broker.IsUsedTicket(old.Hash()));
        Assert.True(broker.IsUsedTicket(recent.Hash()));
        RevertsWith(TicketBrokerErrors.TicketExpired, Redeem(broker, old, 1));
        RevertsWith(TicketBrokerErrors.TicketUsed, Redeem(broker, recent, 2));
        Assert.Equal(new BigInteger(800), broker.GetSenderInfo(Gateway).Deposit);
    }
}
