using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments;

/// <summary>A sender's TicketBroker account on the embedded ledger.</summary>
public sealed class DepositGrainTests(PaymentClusterFixture fixture) : IClassFixture<PaymentClusterFixture>
{
    private IDepositGrain NewAccount() => fixture.Client.GetGrain<IDepositGrain>(EthKey.Generate().Address.ToString());

    [Fact]
    public async Task A_new_account_is_empty()
    {
        Assert.Equal(new SenderInfo(0, 0, 0), await NewAccount().GetSenderInfo());
    }

    [Fact]
    public async Task Funding_adds_to_deposit_and_reserve()
    {
        var account = NewAccount();

        Assert.Equal(new SenderInfo(100, 50, 0), await account.FundDepositAndReserve(100, 50));
        Assert.Equal(new SenderInfo(101, 52, 0), await account.FundDepositAndReserve(1, 2));
        Assert.Equal(new SenderInfo(101, 52, 0), await account.FundDepositAndReserve(0, 0));

        var large = BigInteger.Pow(10, 30);
        Assert.Equal(new SenderInfo(large + 101, 52, 0), await account.FundDepositAndReserve(large, 0));
        Assert.Equal(new SenderInfo(large + 101, 52, 0), await account.GetSenderInfo());
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    [InlineData(10, -1)]
    public async Task Negative_amounts_are_rejected_and_change_nothing(long deposit, long reserve)
    {
        var account = NewAccount();
        await account.FundDepositAndReserve(100, 50);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => account.FundDepositAndReserve(deposit, reserve));

        Assert.Equal(new SenderInfo(100, 50, 0), await account.GetSenderInfo());
    }

    [Fact]
    public async Task Funds_survive_a_full_cluster_restart()
    {
        var address = EthKey.Generate().Address.ToString();
        await fixture.Client.GetGrain<IDepositGrain>(address).FundDepositAndReserve(BigInteger.Pow(10, 18), 7);

        await fixture.RestartAsync();

        var account = fixture.Client.GetGrain<IDepositGrain>(address);
        Assert.Equal(new SenderInfo(BigInteger.Pow(10, 18), 7, 0), await account.GetSenderInfo());
        Assert.Equal(new SenderInfo(BigInteger.Pow(10, 18) + 1, 8, 0), await account.FundDepositAndReserve(1, 1));
    }
}
