using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;
using Livepeer.Protocol;
using static Livepeer.Grains.Tests.Protocol.BrokerTestKit;

namespace Livepeer.Grains.Tests.Protocol;

/// <summary>
/// What a redemption pays and from where: deposit first, then the recipient's claimable share of the reserve
/// (see shared spec: protocol-contracts.md §8.2 step 10, §8.6; payments.md §10.1).
/// </summary>
public class RedeemPaymentTests
{
    private static readonly BigInteger Eth = BigInteger.Pow(10, 18);

    [Fact]
    public void A_ticket_the_deposit_covers_is_paid_from_the_deposit()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDepositAndReserve(Gateway, 1_500, 1_000, 500));
        var ticket = NewTicket(broker, 400, 1, senderNonce: 7);

        var result = Redeem(broker, ticket, 1);

        Assert.Equal(
            [
                new WinningTicketTransfer(Gateway, Orch1, 400),
                new WinningTicketRedeemed(Gateway, Orch1, 400, BigIntegerEncoding.MaxUint256, 7, 1, ticket.AuxData),
            ],
            result.Events);
        Assert.Equal(new TicketBrokerSenderInfo(600, 0, new ReserveInfo(500, 0)), broker.GetSenderInfo(Gateway));
        Assert.Equal(400, broker.FeesCredited(Orch1));
        Assert.True(broker.IsUsedTicket(ticket.Hash()));
    }

    [Fact]
    public void Spec_example_deposit_then_reserve_with_pool_size_one()
    {
        // protocol-contracts.md §8.6: reserve 1 ETH, deposit 0.9 ETH, a 1.5 ETH ticket pays 0.9 + 0.6.
        var broker = NewBroker();
        var deposit = Eth * 9 / 10;
        Succeeds(broker.FundDepositAndReserve(Gateway, deposit + Eth, deposit, Eth));
        var ticket = NewTicket(broker, Eth * 15 / 10, 1);

        var result = Redeem(broker, ticket, 1);

        Assert.Equal(new ReserveClaimed(Gateway, Orch1, Eth * 6 / 10), result.Events[0]);
        Assert.Equal(new WinningTicketTransfer(Gateway, Orch1, Eth * 15 / 10), result.Events[1]);
        Assert.IsType<WinningTicketRedeemed>(result.Events[2]);
        Assert.Equal(new TicketBrokerSenderInfo(0, 0, new ReserveInfo(Eth * 4 / 10, Eth * 6 / 10)), broker.GetSenderInfo(Gateway));
    }

    [Fact]
    public void Payment_falls_short_of_face_value_when_deposit_and_share_are_too_small()
    {
        // Pool of 3, reserve 300: each active recipient may draw 100 per round.
        var broker = NewBroker(Orch1, Orch2, Orch3);
        Succeeds(broker.FundDepositAndReserve(Gateway, 400, 100, 300));

        var first = Redeem(broker, NewTicket(broker, 1_000, 1), 1);

        Assert.Equal(
            [new ReserveClaimed(Gateway, Orch1, 100), new WinningTicketTransfer(Gateway, Orch1, 200)],
            first.Events.Take(2));
        Assert.Equal(200, broker.FeesCredited(Orch1));
        Assert.Equal(BigInteger.Zero, broker.ClaimableReserve(Gateway, Orch1));
        Assert.Equal(100, broker.ClaimedReserve(Gateway, Orch1));
    }

    [Fact]
    public void A_recipient_that_used_up_its_share_is_paid_nothing_but_the_ticket_is_used()
    {
        var broker = NewBroker(Orch1, Orch2, Orch3);
        Succeeds(broker.FundReserve(Gateway, 300));
        Succeeds(Redeem(broker, NewTicket(broker, 100, 1), 1));
        var second = NewTicket(broker, 100, 2);

        var result = Redeem(broker, second, 2);

        Succeeds(result);
        Assert.IsType<WinningTicketRedeemed>(Assert.Single(result.Events));
        Assert.True(broker.IsUsedTicket(second.Hash()));
        Assert.Equal(100, broker.FeesCredited(Orch1));
        Assert.Equal(new ReserveInfo(200, 100), broker.GetReserveInfo(Gateway));
    }

    [Fact]
    public void Each_active_recipient_has_its_own_share_of_the_reserve_as_it_stood_at_round_start()
    {
        var broker = NewBroker(Orch1, Orch2, Orch3);
        Succeeds(broker.FundReserve(Gateway, 300));

        Succeeds(Redeem(broker, NewTicket(broker, 150, 1, recipient: Orch1), 1));
        Succeeds(Redeem(broker, NewTicket(broker, 150, 2, recipient: Orch2), 2));

        // Claims add back into the total, so the share stays 300 / 3 = 100 for everyone this round.
        Assert.Equal(100, broker.FeesCredited(Orch1));
        Assert.Equal(100, broker.FeesCredited(Orch2));
        Assert.Equal((BigInteger)100, broker.ClaimableReserve(Gateway, Orch3));
        Assert.Equal(new ReserveInfo(100, 200), broker.GetReserveInfo(Gateway));
    }

    [Fact]
    public void Claims_reset_in_a_new_round_and_the_share_is_of_what_remains()
    {
        var broker = NewBroker(Orch1, Orch2, Orch3);
        Succeeds(broker.FundReserve(Gateway, 300));
        Succeeds(Redeem(broker, NewTicket(broker, 150, 1), 1));
        Succeeds(Redeem(broker, NewTicket(broker, 150, 2, recipient: Orch2), 2));

        AdvanceTo(broker, StartRound + 1);

        Assert.Equal(new ReserveInfo(100, 0), broker.GetReserveInfo(Gateway));
        Assert.Equal(BigInteger.Zero, broker.ClaimedReserve(Gateway, Orch1));
        Assert.Equal((BigInteger)33, broker.ClaimableReserve(Gateway, Orch1));
        var result = Redeem(broker, NewTicket(broker, 150, 3), 3);
        Assert.Equal(new ReserveClaimed(Gateway, Orch1, 33), result.Events[0]);
        Assert.Equal(133, broker.FeesCredited(Orch1));
    }

    [Fact]
    public void An_inactive_recipient_cannot_claim_reserve()
    {
        var broker = NewBroker(Orch1);
        broker.SetRegisteredTranscoder(Orch2, registered: true);
        Succeeds(broker.FundDepositAndReserve(Gateway, 1_050, 50, 1_000));

        var result = Redeem(broker, NewTicket(broker, 100, 1, recipient: Orch2), 1);

        Assert.Equal(new WinningTicketTransfer(Gateway, Orch2, 50), result.Events[0]);
        Assert.Equal(2, result.Events.Count);
        Assert.Equal(BigInteger.Zero, broker.ClaimableReserve(Gateway, Orch2));
        Assert.Equal(new ReserveInfo(1_000, 0), broker.GetReserveInfo(Gateway));
    }

    [Fact]
    public void A_redemption_that_pays_nothing_does_not_need_a_registered_recipient()
    {
        // updateTranscoderWithFees, which checks registration, is only called for a positive amount.
        var broker = NewBroker(Orch1);
        Succeeds(broker.FundReserve(Gateway, 1_000));

        var result = Redeem(broker, NewTicket(broker, 100, 1, recipient: Orch3), 1);

        Assert.IsType<WinningTicketRedeemed>(Assert.Single(result.Events));
    }

    [Fact]
    public void An_empty_pool_allows_no_reserve_claims()
    {
        var broker = NewBroker(Orch1);
        broker.SetTranscoderPool([Orch1], poolSize: 0);
        Succeeds(broker.FundReserve(Gateway, 1_000));

        Assert.Equal(BigInteger.Zero, broker.ClaimableReserve(Gateway, Orch1));
        Assert.Single(Redeem(broker, NewTicket(broker, 100, 1), 1).Events);
    }

    [Fact]
    public void The_pool_size_not_the_active_count_divides_the_reserve()
    {
        // The pool is next round's set; it can differ from who is active now (spec §7.2, §8.6).
        var broker = NewBroker(Orch1);
        broker.SetTranscoderPool([Orch1], poolSize: 4);
        Succeeds(broker.FundReserve(Gateway, 1_000));

        Assert.Equal((BigInteger)250, broker.ClaimableReserve(Gateway, Orch1));
    }

    [Fact]
    public void A_pool_that_grows_after_a_claim_makes_the_reserve_arithmetic_underflow()
    {
        // (funds + claimed) / poolSize − claimedByAddress underflows; Solidity 0.8 reverts with Panic(0x11).
        var broker = NewBroker(Orch1, Orch2);
        Succeeds(broker.FundReserve(Gateway, 100));
        Succeeds(Redeem(broker, NewTicket(broker, 50, 1), 1));
        broker.SetTranscoderPool([Orch1, Orch2], poolSize: 3);
        var ticket = NewTicket(broker, 10, 2);

        Assert.Null(broker.ClaimableReserve(Gateway, Orch1));
        RevertsWith(TicketBrokerErrors.PanicArithmetic, Redeem(broker, ticket, 2));
        Assert.False(broker.IsUsedTicket(ticket.Hash()));

        // A ticket the deposit covers never reaches the reserve arithmetic.
        Succeeds(broker.FundDeposit(Gateway, 10));
        Succeeds(Redeem(broker, ticket, 2));
    }

    [Fact]
    public void A_share_larger_than_what_is_left_makes_the_claim_underflow()
    {
        // Two active recipients but a pool of one: each share is the whole reserve as it stood at round start,
        // so the second claim exceeds the funds left and reserve.funds − claim reverts with Panic(0x11).
        var broker = NewBroker(Orch1, Orch2);
        broker.SetTranscoderPool([Orch1, Orch2], poolSize: 1);
        Succeeds(broker.FundReserve(Gateway, 100));
        Succeeds(Redeem(broker, NewTicket(broker, 100, 1, recipient: Orch1), 1));

        Assert.Equal((BigInteger)100, broker.ClaimableReserve(Gateway, Orch2));
        RevertsWith(TicketBrokerErrors.SenderDepositAndReserveZero, Redeem(broker, NewTicket(broker, 100, 2, recipient: Orch2), 2));

        Succeeds(broker.FundReserve(Gateway, 10));
        var ticket = NewTicket(broker, 100, 3, recipient: Orch2);
        RevertsWith(TicketBrokerErrors.PanicArithmetic, Redeem(broker, ticket, 3));
        Assert.False(broker.IsUsedTicket(ticket.Hash()));
        Assert.Equal(new ReserveInfo(10, 100), broker.GetReserveInfo(Gateway));
    }

    [Fact]
    public void Anyone_can_submit_and_the_recipient_is_paid()
    {
        // There is no caller on redemption at all: the ledger takes no msg.sender (spec §8.2).
        var broker = NewBroker(Orch2);
        Succeeds(broker.FundDeposit(Gateway, 1_000));

        Succeeds(Redeem(broker, NewTicket(broker, 100, 1, recipient: Orch2), 1));

        Assert.Equal(100, broker.FeesCredited(Orch2));
    }

    [Fact]
    public void Redemption_needs_only_a_live_round_not_a_caller_and_pausing_stops_it()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 1_000));
        var ticket = NewTicket(broker, 100, 1);
        broker.SetPaused(true);

        RevertsWith(TicketBrokerErrors.SystemPaused, Redeem(broker, ticket, 1));

        broker.SetPaused(false);
        Succeeds(Redeem(broker, ticket, 1));
    }

    [Fact]
    public void An_off_chain_signed_ticket_redeems_as_its_on_chain_form()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 1_000));
        var onChain = NewTicket(broker, 100, 5, senderNonce: 3);
        var offChain = ToOffChain(onChain, broker.CurrentRound, broker.BlockHashForRound(broker.CurrentRound));

        Succeeds(broker.RedeemWinningTicket(new SignedTicket(offChain, Sign(onChain, GatewayKey), 5)));

        Assert.True(broker.IsUsedTicket(onChain.Hash()));
    }

    internal static Ticket ToOffChain(BrokerTicket ticket, long creationRound, Hash32 blockHash) => new()
    {
        Recipient = ticket.Recipient,
        Sender = ticket.Sender,
        FaceValue = ticket.FaceValue,
        WinProb = ticket.WinProb,
        SenderNonce = (uint)ticket.SenderNonce,
        RecipientRandHash = ticket.RecipientRandHash,
        ExpirationParams = new(creationRound, blockHash),
        ParamsExpirationBlock = 0,
        PricePerPixel = new(1, 1),
    };
}
