using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Discovery;
using Livepeer.Integration.Tests.Node;
using Livepeer.Protocol.Ethereum;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Integration.Tests.Chain;

/// <summary>The transcoder pool walk, reward with pool hints and on-chain discovery against the real BondingManager.</summary>
public sealed class TranscoderPoolTests(LivepeerProtocolFixture fixture) : IClassFixture<LivepeerProtocolFixture>
{
    private static readonly BigInteger Lpt = OnChainScenario.Eth;

    [Fact]
    public async Task The_pool_walks_in_stake_order_the_gateway_discovers_it_and_reward_with_hints_grows_the_stake()
    {
        // Two orchestrators of different stakes; the smaller registers first, so the pool's order is the contract's sort.
        var small = (Key: fixture.Broadcaster, Stake: 1000 * Lpt, Uri: "https://127.0.0.1:18935/");
        var large = (Key: fixture.Orchestrator, Stake: 3000 * Lpt, Uri: "https://127.0.0.1:28935/");
        await fixture.StartNextRoundAsync(); // transcoder() reverts in the locked end of a round
        foreach (var (key, stake, uri) in new[] { small, large })
        {
            var bonding = fixture.BondingManager(key);
            await fixture.LivepeerToken(key).ApproveAsync(fixture.Protocol.BondingManager, stake);
            await bonding.BondAsync(stake, key.Address);
            await bonding.TranscoderAsync(OnChainScenario.RewardCut, OnChainScenario.FeeShare);
            await ServiceRegistry(key).SetServiceUriAsync(uri);
        }

        await fixture.StartNextRoundAsync();

        var reader = fixture.BondingManager();
        Assert.Equal(2, await reader.GetTranscoderPoolSizeAsync());
        Assert.Equal(
            [new TranscoderPoolMember(large.Key.Address, large.Stake), new TranscoderPoolMember(small.Key.Address, small.Stake)],
            await reader.GetTranscoderPoolAsync());

        var source = new OnChainOrchestratorSource(new TranscoderPoolReader(reader, ServiceRegistry(), TimeProvider.System));
        Assert.Equal(
            [new OrchestratorCandidate(new Uri(large.Uri), 0.0, large.Stake), new OrchestratorCandidate(new Uri(small.Uri), 0.0, small.Stake)],
            await source.GetCandidatesAsync(CancellationToken.None));

        // A gateway-only node on chain with neither --orchAddr nor --orchWebhookUrl discovers the same pool.
        using (var account = new NodeAccount(fixture, fixture.Broadcaster))
        {
            var gateway = new GatewayNode([.. account.Switches, "--gateway"]);
            await gateway.InitializeAsync();
            try
            {
                Assert.Equal(
                    await source.GetCandidatesAsync(CancellationToken.None),
                    await gateway.Services.GetRequiredService<IOrchestratorSource>().GetCandidatesAsync(CancellationToken.None));
            }
            finally
            {
                await gateway.DisposeAsync();
            }
        }

        // The smaller one's hints are (large, none); reward mints to it and the contract re-sorts it with them.
        Assert.Equal((large.Key.Address, EthAddress.Zero), TranscoderPoolHints.Neighbours(await reader.GetTranscoderPoolAsync(), small.Key.Address));
        var rounds = new EthereumRoundsClient(fixture.RoundsManager(), fixture.BondingManager(small.Key));
        await rounds.RewardAsync();

        var current = await fixture.RoundsManager().CurrentRoundAsync();
        Assert.Equal(current, (long)(await reader.GetTranscoderAsync(small.Key.Address)).LastRewardRound);
        var grown = await reader.TranscoderTotalStakeAsync(small.Key.Address);
        Assert.True(grown > small.Stake, $"the stake stayed at {grown}");
        Assert.Equal(
            [new TranscoderPoolMember(large.Key.Address, large.Stake), new TranscoderPoolMember(small.Key.Address, grown)],
            await reader.GetTranscoderPoolAsync());
    }

    [Fact]
    public void Hints_outside_the_pool_or_at_its_ends_are_the_zero_address()
    {
        var (a, b, c) = (EthKey.Generate().Address, EthKey.Generate().Address, EthKey.Generate().Address);
        TranscoderPoolMember[] pool = [new(a, 3), new(b, 2), new(c, 1)];

        Assert.Equal((EthAddress.Zero, b), TranscoderPoolHints.Neighbours(pool, a));
        Assert.Equal((a, c), TranscoderPoolHints.Neighbours(pool, b));
        Assert.Equal((b, EthAddress.Zero), TranscoderPoolHints.Neighbours(pool, c));
        Assert.Equal((EthAddress.Zero, EthAddress.Zero), TranscoderPoolHints.Neighbours(pool, EthKey.Generate().Address));
    }

    private sealed class GatewayNode(IReadOnlyList<string> arguments) : NodeFixture
    {
        protected override IEnumerable<string> ExtraArguments => arguments;
    }

    private ServiceRegistryClient ServiceRegistry(EthKey? key = null) =>
        new(fixture.Protocol.ServiceRegistry, fixture.Caller, key is null ? null : fixture.SenderFor(key));
}
