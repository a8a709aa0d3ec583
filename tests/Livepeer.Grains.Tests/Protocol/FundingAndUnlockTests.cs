using System.Numerics;
using Livepeer.Payments;
using Livepeer.Protocol;
using static Livepeer.Grains.Tests.Protocol.BrokerTestKit;

namespace Livepeer.Grains.Tests.Protocol;

/// <summary>Funding, unlock, cancelUnlock and withdraw (see shared spec: protocol-contracts.md §2, §8.4, §8.5).</summary>
public class FundingAndUnlockTests
{
    [Fact]
    public void Funding_logs_the_contract_events()
    {
        var broker = NewBroker();

        Assert.Equal([new DepositFunded(Gateway, 10)], broker.FundDeposit(Gateway, 10).Events);
        Assert.Equal([new ReserveFunded(Gateway, 20)], broker.FundReserve(Gateway, 20).Events);

        // ReserveFunded is logged before DepositFunded (spec §8.4).
        Assert.Equal(
            [new ReserveFunded(Gateway, 200), new DepositFunded(Gateway, 100)],
            broker.FundDepositAndReserve(Gateway, 300, 100, 200).Events);
        Assert.Equal(new TicketBrokerSenderInfo(110, 0, new ReserveInfo(220, 0)), broker.GetSenderInfo(Gateway));
    }

    [Fact]
    public void Fund_deposit_and_reserve_needs_msg_value_to_equal_the_sum()
    {
        var broker = NewBroker();

        RevertsWith(TicketBrokerErrors.MsgValueMismatch, broker.FundDepositAndReserve(Gateway, 299, 100, 200));
        RevertsWith(TicketBrokerErrors.MsgValueMismatch, broker.FundDepositAndReserve(Gateway, 301, 100, 200));

        Assert.Equal(new TicketBrokerSenderInfo(0, 0, new ReserveInfo(0, 0)), broker.GetSenderInfo(Gateway));
    }

    [Fact]
    public void Funding_beyond_uint256_panics()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, BigIntegerEncoding.MaxUint256));

        RevertsWith(TicketBrokerErrors.PanicArithmetic, broker.FundDeposit(Gateway, 1));
        RevertsWith(TicketBrokerErrors.PanicArithmetic, broker.FundDepositAndReserve(OtherGateway, 0, BigIntegerEncoding.MaxUint256, 1));
        Assert.Equal(BigIntegerEncoding.MaxUint256, broker.GetSenderInfo(Gateway).Deposit);
    }

    [Fact]
    public void Amounts_that_calldata_cannot_carry_are_argument_errors()
    {
        var broker = NewBroker();

        Assert.Throws<ArgumentOutOfRangeException>(() => broker.FundDeposit(Gateway, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => broker.FundReserve(Gateway, BigIntegerEncoding.MaxUint256 + 1));
    }

    [Fact]
    public void Every_state_change_reverts_while_paused()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 10));
        broker.SetPaused(true);

        RevertsWith(TicketBrokerErrors.SystemPaused, broker.FundDeposit(Gateway, 1));
        RevertsWith(TicketBrokerErrors.SystemPaused, broker.FundReserve(Gateway, 1));
        RevertsWith(TicketBrokerErrors.SystemPaused, broker.FundDepositAndReserve(Gateway, 3, 1, 1));
        RevertsWith(TicketBrokerErrors.SystemPaused, broker.Unlock(Gateway));
        RevertsWith(TicketBrokerErrors.SystemPaused, broker.CancelUnlock(Gateway));
        RevertsWith(TicketBrokerErrors.SystemPaused, broker.Withdraw(Gateway));
        Assert.Equal(10, broker.GetSenderInfo(Gateway).Deposit);
    }

    [Fact]
    public void Unlock_sets_the_withdraw_round_per_the_spec_example()
    {
        // Verified on anvil: unlock in round 3 with period 2 → Unlock(B, 3, 5) (spec §8.5).
        var broker = new EmbeddedTicketBroker();
        broker.AdvanceRound(3);
        Succeeds(broker.FundDeposit(Gateway, 10));

        var result = broker.Unlock(Gateway);

        Assert.Equal([new Unlock(Gateway, 3, 5)], result.Events);
        Assert.True(broker.IsUnlockInProgress(Gateway));
        Assert.Equal(5, broker.GetSenderInfo(Gateway).WithdrawRound);
    }

    [Fact]
    public void Unlock_needs_funds_and_no_unlock_in_progress_in_that_order()
    {
        var broker = NewBroker();

        RevertsWith(TicketBrokerErrors.SenderDepositAndReserveZero, broker.Unlock(Gateway));

        Succeeds(broker.FundReserve(Gateway, 1));
        Succeeds(broker.Unlock(Gateway));
        RevertsWith(TicketBrokerErrors.UnlockAlreadyInitiated, broker.Unlock(Gateway));
    }

    [Fact]
    public void Withdraw_is_allowed_from_the_withdraw_round_and_pays_everything_out()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDepositAndReserve(Gateway, 30, 10, 20));
        Succeeds(broker.Unlock(Gateway));

        RevertsWith(TicketBrokerErrors.AccountLocked, broker.Withdraw(Gateway));
        AdvanceTo(broker, StartRound + 1);
        RevertsWith(TicketBrokerErrors.AccountLocked, broker.Withdraw(Gateway));
        AdvanceTo(broker, StartRound + 2);

        var result = broker.Withdraw(Gateway);

        Assert.Equal([new Withdrawal(Gateway, 10, 20)], result.Events);
        Assert.Equal(new TicketBrokerSenderInfo(0, StartRound + 2, new ReserveInfo(0, 0)), broker.GetSenderInfo(Gateway));
        RevertsWith(TicketBrokerErrors.SenderDepositAndReserveZero, broker.Withdraw(Gateway));
    }

    [Fact]
    public void Unlock_and_withdraw_need_no_initialized_round()
    {
        // Only redemption needs the round initialized (spec §2).
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 10));
        broker.AdvanceRound(StartRound + 1);
        Assert.False(broker.CurrentRoundInitialized);

        Succeeds(broker.Unlock(Gateway));
        broker.AdvanceRound(StartRound + 3);

        Succeeds(broker.Withdraw(Gateway));
    }

    [Fact]
    public void Withdraw_checks_funds_then_unlock_then_lock()
    {
        var broker = NewBroker();

        RevertsWith(TicketBrokerErrors.SenderDepositAndReserveZero, broker.Withdraw(Gateway));
        Succeeds(broker.FundDeposit(Gateway, 10));
        RevertsWith(TicketBrokerErrors.NoUnlockInProgress, broker.Withdraw(Gateway));
        Succeeds(broker.Unlock(Gateway));
        RevertsWith(TicketBrokerErrors.AccountLocked, broker.Withdraw(Gateway));
    }

    [Fact]
    public void Cancel_unlock_needs_an_unlock_and_locks_the_account_again()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 10));

        RevertsWith(TicketBrokerErrors.NoUnlockInProgress, broker.CancelUnlock(Gateway));
        Succeeds(broker.Unlock(Gateway));

        Assert.Equal([new UnlockCancelled(Gateway)], broker.CancelUnlock(Gateway).Events);
        Assert.False(broker.IsUnlockInProgress(Gateway));
        AdvanceTo(broker, StartRound + 5);
        RevertsWith(TicketBrokerErrors.NoUnlockInProgress, broker.Withdraw(Gateway));
        Succeeds(Redeem(broker, NewTicket(broker, 5, 1), 1));
    }

    [Fact]
    public void Funding_by_the_sender_cancels_its_pending_unlock()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 10));

        Succeeds(broker.Unlock(Gateway));
        Assert.Equal([new UnlockCancelled(Gateway), new DepositFunded(Gateway, 1)], broker.FundDeposit(Gateway, 1).Events);

        // processReserve credits (and logs) the reserve before cancelling.
        Succeeds(broker.Unlock(Gateway));
        Assert.Equal([new ReserveFunded(Gateway, 1), new UnlockCancelled(Gateway)], broker.FundReserve(Gateway, 1).Events);

        // processDeposit is the outer modifier: it cancels before processReserve runs.
        Succeeds(broker.Unlock(Gateway));
        Assert.Equal(
            [new UnlockCancelled(Gateway), new ReserveFunded(Gateway, 2), new DepositFunded(Gateway, 1)],
            broker.FundDepositAndReserve(Gateway, 3, 1, 2).Events);
        Assert.Equal(0, broker.GetSenderInfo(Gateway).WithdrawRound);
    }

    [Fact]
    public void After_a_withdrawal_the_stale_withdraw_round_stays_until_the_sender_funds_again()
    {
        // withdraw() leaves withdrawRound set: the sender reads as unlocked, and funding cancels it.
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 10));
        Succeeds(broker.Unlock(Gateway));
        AdvanceTo(broker, StartRound + 2);
        Succeeds(broker.Withdraw(Gateway));

        Assert.True(broker.IsUnlockInProgress(Gateway));
        RevertsWith(TicketBrokerErrors.SenderUnlocked, Redeem(broker, NewTicket(broker, 5, 1), 1));
        RevertsWith(TicketBrokerErrors.SenderDepositAndReserveZero, broker.Unlock(Gateway));

        Assert.Equal([new UnlockCancelled(Gateway), new DepositFunded(Gateway, 7)], broker.FundDeposit(Gateway, 7).Events);
        Succeeds(Redeem(broker, NewTicket(broker, 5, 2), 2));
    }

    [Fact]
    public void Sender_info_converts_to_the_payment_code_view()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDepositAndReserve(Gateway, 30, 10, 20));
        Succeeds(broker.Unlock(Gateway));

        Assert.Equal(new SenderInfo(10, 20, StartRound + 2), broker.GetSenderInfo(Gateway).ToSenderInfo());
    }
}
