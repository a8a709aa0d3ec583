using System.Numerics;
using System.Text;
using Livepeer.Crypto;
using Livepeer.Ethereum;

namespace Livepeer.Integration.Tests.Chain;

public sealed class LivepeerProtocolDeploymentTests(LivepeerProtocolFixture fixture) : IClassFixture<LivepeerProtocolFixture>
{
    private LivepeerProtocolDeployment Protocol => fixture.Protocol;

    [Fact]
    public async Task The_Controller_resolves_every_registered_name_and_is_unpaused()
    {
        foreach (var name in LivepeerProtocolDeployment.RegisteredNames)
        {
            var id = Keccak256.Hash(Encoding.UTF8.GetBytes(name));
            var resolved = await Protocol.CallAsync("Controller", Protocol.Controller, "getContract", id);
            Assert.Equal(Protocol.Contracts[name], resolved.Get<EthAddress>(0));
        }

        Assert.Equal(Protocol.TicketBroker, Protocol.Contracts["JobsManager"]);
        Assert.False((await Protocol.CallAsync("Controller", Protocol.Controller, "paused")).Get<bool>(0));
        Assert.Equal(Protocol.Owner, (await Protocol.CallAsync("Controller", Protocol.Controller, "owner")).Get<EthAddress>(0));
    }

    [Fact]
    public async Task Parameters_are_set_through_the_proxies_and_test_accounts_hold_LPT()
    {
        var p = Protocol.Parameters;
        Assert.Equal(p.RoundLength, (long)await UintAsync("RoundsManager", Protocol.RoundsManager, "roundLength"));
        Assert.Equal(p.UnlockPeriod, (long)await UintAsync("TicketBroker", Protocol.TicketBroker, "unlockPeriod"));
        Assert.Equal(p.TicketValidityPeriod, (long)await UintAsync("TicketBroker", Protocol.TicketBroker, "ticketValidityPeriod"));
        Assert.Equal(p.NumActiveTranscoders, (long)await UintAsync("BondingManager", Protocol.BondingManager, "getTranscoderPoolMaxSize"));
        Assert.Equal(p.LptPerAccount, await UintAsync("LivepeerToken", Protocol.LivepeerToken, "balanceOf", fixture.Chain.Accounts[9]));
    }

    [Fact]
    public async Task A_round_can_be_initialized_after_mining_past_its_start()
    {
        var snapshot = await fixture.Rpc.SnapshotAsync();
        try
        {
            var round = await UintAsync("RoundsManager", Protocol.RoundsManager, "currentRound");
            var start = await UintAsync("RoundsManager", Protocol.RoundsManager, "currentRoundStartBlock");
            await fixture.Rpc.MineAsync((long)(start + Protocol.Parameters.RoundLength) - await fixture.Rpc.BlockNumberAsync());

            Assert.Equal(round + 1, await UintAsync("RoundsManager", Protocol.RoundsManager, "currentRound"));
            Assert.False((await Protocol.CallAsync("RoundsManager", Protocol.RoundsManager, "currentRoundInitialized")).Get<bool>(0));

            var receipt = await Protocol.OwnerSendAsync("RoundsManager", Protocol.RoundsManager, "initializeRound");

            Assert.True(receipt.Succeeded);
            Assert.True((await Protocol.CallAsync("RoundsManager", Protocol.RoundsManager, "currentRoundInitialized")).Get<bool>(0));
            Assert.Equal(round + 1, await UintAsync("RoundsManager", Protocol.RoundsManager, "lastInitializedRound"));
            var hash = (await Protocol.CallAsync("RoundsManager", Protocol.RoundsManager, "blockHashForRound", round + 1)).Get<byte[]>(0);
            Assert.Contains(hash, b => b != 0);
        }
        finally
        {
            await fixture.Rpc.RevertAsync(snapshot);
        }
    }

    private async Task<BigInteger> UintAsync(string contract, EthAddress address, string function, params object?[] args) =>
        (await Protocol.CallAsync(contract, address, function, args)).Get<BigInteger>(0);
}
