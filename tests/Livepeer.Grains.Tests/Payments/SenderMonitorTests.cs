using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments;

/// <summary>O's max float per sender (see shared spec: payments.md §10.2).</summary>
public sealed class SenderMonitorTests
{
    private static readonly EthAddress Alice = EthAddress.Parse("0x1111111111111111111111111111111111111111");
    private static readonly EthAddress Bob = EthAddress.Parse("0x2222222222222222222222222222222222222222");

    private readonly SenderMonitor monitor = new(transcoderPoolSize: 5);

    [Fact]
    public void With_nothing_pending_max_float_is_the_reserve_shared_by_the_pool()
    {
        monitor.Update(Alice, new SenderInfo(Deposit: 900, Reserve: 1_000, WithdrawRound: 0));

        Assert.Equal(new BigInteger(200), monitor.MaxFloat(Alice));
    }

    [Fact]
    public void The_reserve_allocation_is_rounded_down()
    {
        monitor.Update(Alice, new SenderInfo(Deposit: 900, Reserve: 1_004, WithdrawRound: 0));

        Assert.Equal(new BigInteger(200), monitor.MaxFloat(Alice));
    }

    [Theory]
    [InlineData(100, 200)] // 900 / 100 = 9
    [InlineData(300, 200)] // 900 / 300 = 3, the threshold itself: pending is covered by the deposit
    [InlineData(301, -101)] // 900 / 301 < 3: 200 − 301, which may go below zero
    [InlineData(450, -250)]
    public void Pending_redemptions_are_subtracted_only_when_the_deposit_is_under_three_times_them(long pending, long maxFloat)
    {
        monitor.Update(Alice, new SenderInfo(Deposit: 900, Reserve: 1_000, WithdrawRound: 0));

        monitor.AddPending(Alice, pending);

        Assert.Equal(new BigInteger(maxFloat), monitor.MaxFloat(Alice));
    }

    [Fact]
    public void Without_a_deposit_every_pending_redemption_counts()
    {
        monitor.Update(Alice, new SenderInfo(Deposit: 0, Reserve: 1_000, WithdrawRound: 0));
        monitor.AddPending(Alice, 1);

        Assert.Equal(new BigInteger(199), monitor.MaxFloat(Alice));
    }

    [Fact]
    public void Pending_amounts_add_up_and_come_off_again()
    {
        monitor.Update(Alice, new SenderInfo(Deposit: 200, Reserve: 1_000, WithdrawRound: 0));

        monitor.AddPending(Alice, 40);
        monitor.AddPending(Alice, 60);
        Assert.Equal(new BigInteger(100), monitor.MaxFloat(Alice)); // 200 / 100 = 2 < 3: 200 − 100

        monitor.SubtractPending(Alice, 60);
        Assert.Equal(new BigInteger(200), monitor.MaxFloat(Alice)); // 200 / 40 = 5
    }

    [Fact]
    public void Subtracting_more_than_is_pending_floors_at_zero()
    {
        monitor.Update(Alice, new SenderInfo(Deposit: 100, Reserve: 1_000, WithdrawRound: 0));
        monitor.AddPending(Alice, 100);

        monitor.SubtractPending(Alice, 150);
        Assert.Equal(new BigInteger(200), monitor.MaxFloat(Alice));

        // Had pending gone to −50, this would bring it back to 0 and leave max float at 200.
        monitor.AddPending(Alice, 50);
        Assert.Equal(new BigInteger(150), monitor.MaxFloat(Alice));
    }

    [Fact]
    public void Subtracting_for_a_sender_with_nothing_pending_is_harmless()
    {
        monitor.Update(Alice, new SenderInfo(Deposit: 100, Reserve: 1_000, WithdrawRound: 0));

        monitor.SubtractPending(Alice, 10);

        Assert.Equal(new BigInteger(200), monitor.MaxFloat(Alice));
    }

    [Fact]
    public void Senders_are_tracked_apart()
    {
        monitor.Update(Alice, new SenderInfo(Deposit: 100, Reserve: 1_000, WithdrawRound: 0));
        monitor.Update(Bob, new SenderInfo(Deposit: 100, Reserve: 5_000, WithdrawRound: 7));
        monitor.AddPending(Alice, 50);

        Assert.Equal(new BigInteger(150), monitor.MaxFloat(Alice));
        Assert.Equal(new BigInteger(1_000), monitor.MaxFloat(Bob));
        Assert.Equal(new SenderInfo(100, 5_000, 7), monitor.GetSenderInfo(Bob));
    }

    [Fact]
    public void An_update_replaces_the_senders_info_and_keeps_its_pending_amount()
    {
        monitor.Update(Alice, new SenderInfo(Deposit: 100, Reserve: 1_000, WithdrawRound: 0));
        monitor.AddPending(Alice, 50);

        monitor.Update(Alice, new SenderInfo(Deposit: 150, Reserve: 2_000, WithdrawRound: 0));

        Assert.Equal(new SenderInfo(150, 2_000, 0), monitor.GetSenderInfo(Alice));
        Assert.Equal(new BigInteger(400), monitor.MaxFloat(Alice)); // 150 / 50 = 3
    }

    [Fact]
    public void An_empty_pool_allocates_no_reserve()
    {
        var empty = new SenderMonitor(transcoderPoolSize: 0);
        empty.Update(Alice, new SenderInfo(Deposit: 100, Reserve: 1_000, WithdrawRound: 0));

        Assert.Equal(BigInteger.Zero, empty.MaxFloat(Alice));
        empty.AddPending(Alice, 50);
        Assert.Equal(new BigInteger(-50), empty.MaxFloat(Alice));
    }

    [Fact]
    public void An_unknown_sender_is_a_caller_bug_and_throws()
    {
        var e = Assert.Throws<InvalidOperationException>(() => monitor.GetSenderInfo(Alice));
        Assert.Contains(Alice.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => monitor.MaxFloat(Alice));
    }

    [Fact]
    public void The_deposit_to_pending_threshold_is_go_livepeers()
    {
        Assert.Equal(3, SenderMonitor.MinDepositPendingRatio);
    }
}
