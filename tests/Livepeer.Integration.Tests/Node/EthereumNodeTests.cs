using System.Net;
using System.Numerics;
using Livepeer.Ethereum;
using Livepeer.Integration.Tests.Chain;
using Livepeer.Integration.Tests.Media;
using Livepeer.Node;
using Livepeer.Payments;
using Livepeer.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Integration.Tests.Node;

/// <summary>
/// A whole node in Ethereum mode against the real contracts on anvil: its account in a keystore, funded and activated
/// as an orchestrator with the operator commands, round initialization and reward on.
/// </summary>
public sealed class EthereumNodeFixture : IAsyncLifetime
{
    /// <summary>
    /// A ticket's expected value: 0.01 ETH, so that a face value of about EV covers a redemption at anvil's gas price
    /// (its 1 gwei tip makes a redemption cost about 1.2e15 wei); the gateway's ticket EV caps are raised to match.
    /// </summary>
    public static readonly BigInteger EV = BigInteger.Pow(10, 16);

    private NodeAccount? account;

    public LongRoundsProtocolFixture Chain { get; } = new();

    public NodeFixture Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Chain.InitializeAsync();
        account = new NodeAccount(Chain, Chain.Orchestrator);
        await Chain.StartNextRoundAsync(); // transcoder() reverts in the locked end of a round
        await account.CliOkAsync("depositAndReserve", "1ETH", "1ETH");
        await account.CliOkAsync("activate", "10", "50", "https://127.0.0.1:8935", "1000LPT");
        await Chain.StartNextRoundAsync(); // active from the round after activation

        Node = new ChainNode(
        [
            .. account.Switches,
            "--initializeRound=true",
            "--initializeRoundMaxDelay=00:00:00.5",
            "--blockPollingInterval=00:00:00.2",
            "--transcodingOptions=P144p30fps16x9",
            $"--Node:TicketEV={EV}",
            $"--maxTicketEV={2 * EV}",
            $"--maxTotalEV={10 * EV}",
            // Face value one wei above EV: winProb ≈ EV / (EV + 1), so practically every ticket wins.
            $"--Node:TicketMaxFaceValue={EV + 1}",
        ]);
        await Node.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }

        account?.Dispose();
        await Chain.DisposeAsync();
    }

    private sealed class ChainNode(IReadOnlyList<string> arguments) : NodeFixture
    {
        protected override IEnumerable<string> ExtraArguments => arguments;
    }
}

public sealed class EthereumNodeTests(EthereumNodeFixture fixture) : IClassFixture<EthereumNodeFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Winning_tickets_of_pushed_segments_are_redeemed_on_chain_after_the_node_initializes_the_round_and_calls_reward()
    {
        var chain = fixture.Chain;
        var node = fixture.Node;
        var orchestrator = node.Services.GetRequiredService<NodeKeys>().Orchestrator.Address;
        Assert.Equal(chain.Orchestrator.Address, orchestrator);
        var bonding = chain.BondingManager();
        var rounds = chain.RoundsManager();
        var feesBefore = await bonding.PendingFeesAsync(orchestrator);

        // Each stream is its own payment session, so each one's first segment carries a ticket.
        var segment = await Ffmpeg.GenerateSegmentAsync(node.Directory, 256, 144, seconds: 1);
        foreach (var stream in new[] { "chain-a", "chain-b", "chain-c" })
        {
            using var response = await node.Http.PostAsync($"/live/{stream}/0.ts", new ByteArrayContent(segment));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{stream}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var queue = node.Grains.GetGrain<IWinningTicketQueueGrain>(orchestrator.ToString());
        var queued = await queue.GetQueued();
        Assert.True(queued.Count >= 2, $"{queued.Count} winning tickets queued, expected one per stream");
        var paid = queued.Aggregate(BigInteger.Zero, (sum, t) => sum + t.Ticket.Ticket.FaceValue);
        var creationRound = queued[0].Ticket.Ticket.ExpirationParams.CreationRound;

        // Past the params' expiry (when recipientRand may be revealed) and into the next round, which nobody but the
        // node initializes.
        var nextRound = await rounds.CurrentRoundStartBlockAsync() + await rounds.RoundLengthAsync();
        var expiry = queued.Max(t => t.Ticket.Ticket.ParamsExpirationBlock);
        await MineToAsync(Math.Max(nextRound, expiry));

        await UntilAsync(async () => (await queue.GetQueued()).Count == 0, "the node to redeem its winning tickets", queue);
        Assert.Equal(creationRound + 1, await rounds.LastInitializedRoundAsync());
        // The node calls reward and redeems in the same round, in whichever order their transactions are mined; the
        // BondingManager's fee factors then credit the orchestrator's own stake slightly differently (seen: 98.9 % of the
        // face values when reward landed first), so the growth is bounded rather than exact here. The exact amount is
        // checked where no reward is called (TicketRedemptionOnChainTests).
        var growth = await bonding.PendingFeesAsync(orchestrator) - feesBefore;
        Assert.True(growth > paid * 95 / 100 && growth <= paid + 2, $"pendingFees grew by {growth}, expected about {paid}");
        foreach (var ticket in queued)
        {
            Assert.True(await chain.TicketBroker().IsUsedAsync(ticket.Ticket.Ticket.Hash()));
        }

        await UntilAsync(async () => (await bonding.GetTranscoderAsync(orchestrator)).LastRewardRound == creationRound + 1,
            "the node to call reward in the round it initialized", queue);
    }

    private async Task MineToAsync(long block)
    {
        var head = await fixture.Chain.Rpc.BlockNumberAsync();
        if (block > head)
        {
            await fixture.Chain.Rpc.MineAsync(block - head);
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> done, string what, IWinningTicketQueueGrain queue)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!await done())
        {
            if (deadline.IsCancellationRequested)
            {
                var left = await queue.GetQueued();
                Assert.Fail($"waited {Deadline.TotalSeconds} s for {what}; queue: {string.Join("; ", left.Select(t => $"{t.Attempts} attempts, {t.LastError}"))}");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }
}
