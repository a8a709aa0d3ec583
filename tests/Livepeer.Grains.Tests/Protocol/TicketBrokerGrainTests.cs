using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Grains.Tests.Payments;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Protocol;

/// <summary>The embedded ledger's TicketBroker grain: durable accounts with the contract's rules.</summary>
public sealed class TicketBrokerGrainTests(PaymentClusterFixture fixture) : IClassFixture<PaymentClusterFixture>
{
    [Fact]
    public async Task A_new_account_is_empty()
    {
        Assert.Equal(new SenderInfo(0, 0, 0), await fixture.Broker.GetSenderInfo(EthKey.Generate().Address));
    }

    [Fact]
    public async Task Funding_adds_to_deposit_and_reserve()
    {
        var sender = EthKey.Generate().Address;

        Assert.True((await fixture.Broker.FundDepositAndReserve(sender, 100, 50)).Succeeded);
        Assert.True((await fixture.Broker.FundDepositAndReserve(sender, 1, 2)).Succeeded);

        Assert.Equal(new SenderInfo(101, 52, 0), await fixture.Broker.GetSenderInfo(sender));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    public async Task Negative_amounts_are_rejected_and_change_nothing(long deposit, long reserve)
    {
        var sender = EthKey.Generate().Address;
        await fixture.Broker.FundDepositAndReserve(sender, 100, 50);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => fixture.Broker.FundDepositAndReserve(sender, deposit, reserve));

        Assert.Equal(new SenderInfo(100, 50, 0), await fixture.Broker.GetSenderInfo(sender));
    }

    [Fact]
    public async Task Unlocking_sender_reads_as_unlocking_and_cancel_restores_it()
    {
        var sender = EthKey.Generate().Address;
        await fixture.Broker.FundDepositAndReserve(sender, 100, 50);

        var unlock = await fixture.Broker.Unlock(sender);

        Assert.True(unlock.Succeeded, unlock.RevertReason);
        Assert.NotEqual(0, (await fixture.Broker.GetSenderInfo(sender)).WithdrawRound);
        Assert.Equal("account is locked", (await fixture.Broker.Withdraw(sender)).RevertReason);
        Assert.True((await fixture.Broker.CancelUnlock(sender)).Succeeded);
        Assert.Equal(0, (await fixture.Broker.GetSenderInfo(sender)).WithdrawRound);
    }

    [Fact]
    public async Task Funds_survive_a_full_cluster_restart()
    {
        var sender = EthKey.Generate().Address;
        await fixture.Broker.FundDepositAndReserve(sender, BigInteger.Pow(10, 18), 7);

        await fixture.RestartAsync();

        Assert.Equal(new SenderInfo(BigInteger.Pow(10, 18), 7, 0), await fixture.Broker.GetSenderInfo(sender));
    }
}
