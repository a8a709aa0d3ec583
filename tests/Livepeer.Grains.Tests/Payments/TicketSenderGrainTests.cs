using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;
using Livepeer.Protocol;

namespace Livepeer.Grains.Tests.Payments;

/// <summary>
/// The gateway's ticket signer in a cluster: tickets against a real <see cref="Recipient"/>'s params, nonces that are
/// never reused even across a restart (see shared spec: payments.md §8 and §9).
/// </summary>
public sealed class TicketSenderGrainTests(PaymentClusterFixture fixture) : IClassFixture<PaymentClusterFixture>, IAsyncLifetime
{
    private static readonly PriceInfo Price = new(1_200, 1);

    private readonly Recipient orchestrator = fixture.NewRecipient();

    private ITicketSenderGrain Grain => fixture.Client.GetGrain<ITicketSenderGrain>(fixture.Keys.Gateway.Address.ToString());

    /// <summary>B needs a deposit and a reserve before it pays anyone (see shared spec: payments.md §9.2 step 6).</summary>
    public async Task InitializeAsync()
    {
        var sender = fixture.Keys.Gateway.Address;
        if ((await fixture.Broker.GetSenderInfo(sender)).Deposit.IsZero)
            await fixture.Broker.FundDepositAndReserve(sender, BigInteger.Pow(10, 18), BigInteger.Pow(10, 18));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private TicketParams IssueParams() => orchestrator.TicketParams(fixture.Keys.Gateway.Address, Price).Value;

    private async Task<TicketBatch> CreateBatchAsync(TicketParams ticketParams, int count)
    {
        var result = await Grain.CreateTicketBatch(ticketParams, count);
        Assert.Null(result.Error);
        Assert.NotNull(result.Batch);
        return result.Batch;
    }

    /// <summary>The batch's nonces, after checking that O accepts every ticket in it.</summary>
    private IEnumerable<uint> AcceptedNonces(TicketBatch batch)
    {
        Assert.Equal(fixture.Keys.Gateway.Address, batch.Sender);
        foreach (var (ticket, senderParams) in batch.Tickets().Zip(batch.SenderParams))
        {
            var result = orchestrator.ReceiveTicket(ticket, senderParams.Sig, batch.TicketParams.Seed);
            Assert.True(result.IsAccepted, $"nonce {ticket.SenderNonce}: {result.Error}");
        }
        return batch.SenderParams.Select(p => p.SenderNonce);
    }

    [Fact]
    public async Task Nonces_run_from_1_consecutively_across_calls_and_O_accepts_every_ticket()
    {
        var ticketParams = IssueParams();

        Assert.Equal([1u, 2u], AcceptedNonces(await CreateBatchAsync(ticketParams, 2)));
        Assert.Equal([3u, 4u, 5u], AcceptedNonces(await CreateBatchAsync(ticketParams, 3)));
        Assert.Equal([6u], AcceptedNonces(await CreateBatchAsync(ticketParams, 1)));
        Assert.Equal(6u, await Grain.GetLastNonce(ticketParams.RecipientRandHash));
    }

    [Fact]
    public async Task The_batch_carries_the_params_and_the_ticket_EV()
    {
        var ticketParams = IssueParams();

        var batch = await CreateBatchAsync(ticketParams, 2);

        Assert.Equal(ticketParams, batch.TicketParams);
        Assert.Equal(ticketParams.ExpirationParams, batch.ExpirationParams);
        Assert.All(batch.Tickets(), t => Assert.Equal(ticketParams.EV, t.EV));
    }

    [Fact]
    public async Task Concurrent_batches_never_share_a_nonce()
    {
        var ticketParams = IssueParams();

        var batches = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => CreateBatchAsync(ticketParams, 2)));

        var nonces = batches.SelectMany(AcceptedNonces).Order();
        Assert.Equal(Enumerable.Range(1, 10).Select(n => (uint)n), nonces);
    }

    [Fact]
    public async Task New_params_start_a_new_nonce_sequence_and_the_old_one_carries_on()
    {
        var first = IssueParams();
        var second = IssueParams();
        Assert.NotEqual(first.RecipientRandHash, second.RecipientRandHash);

        Assert.Equal([1u, 2u], AcceptedNonces(await CreateBatchAsync(first, 2)));
        Assert.Equal([1u], AcceptedNonces(await CreateBatchAsync(second, 1)));
        Assert.Equal([3u], AcceptedNonces(await CreateBatchAsync(first, 1)));
        Assert.Equal(0u, await Grain.GetLastNonce(IssueParams().RecipientRandHash));
    }

    [Fact]
    public async Task The_last_nonce_survives_a_full_cluster_restart_and_is_never_reused()
    {
        var ticketParams = IssueParams();
        Assert.Equal([1u, 2u, 3u], AcceptedNonces(await CreateBatchAsync(ticketParams, 3)));

        await fixture.RestartAsync();

        Assert.Equal(3u, await Grain.GetLastNonce(ticketParams.RecipientRandHash));
        Assert.Equal([4u, 5u], AcceptedNonces(await CreateBatchAsync(ticketParams, 2)));
        Assert.Equal(5u, await Grain.GetLastNonce(ticketParams.RecipientRandHash));
    }

    [Fact]
    public async Task Expired_params_are_refused_without_consuming_nonces()
    {
        var ticketParams = IssueParams();
        Assert.Equal([1u, 2u], AcceptedNonces(await CreateBatchAsync(ticketParams, 2)));

        // B keeps a one-block buffer: params expiring at the next block are as good as expired.
        fixture.Time.Advance(EmbeddedChainClock.DefaultBlockTime * (ticketParams.ExpirationBlock - 1 - fixture.Clock.LastSeenL1Block));
        Assert.Equal(ticketParams.ExpirationBlock - 1, fixture.Clock.LastSeenL1Block);
        var result = await Grain.CreateTicketBatch(ticketParams, 1);

        Assert.Null(result.Batch);
        Assert.Equal(PaymentErrorCode.TicketParamsExpired, result.Error?.Code);
        Assert.Equal("TicketParams expired", result.Error?.Message);
        Assert.Equal(2u, await Grain.GetLastNonce(ticketParams.RecipientRandHash));

        // Fresh params work at once and start from 1.
        Assert.Equal([1u], AcceptedNonces(await CreateBatchAsync(IssueParams(), 1)));
    }

    [Fact]
    public async Task Params_with_a_ticket_EV_above_the_gateways_cap_are_refused_without_consuming_nonces()
    {
        // EV 4e12 > -maxTicketEV 3e12; with free gas the face value is EV × 100.
        var greedy = fixture.NewRecipient(new TicketParamsConfig { EV = 4_000_000_000_000 }, gasPrice: 0);
        var ticketParams = greedy.TicketParams(fixture.Keys.Gateway.Address, Price).Value;

        var result = await Grain.CreateTicketBatch(ticketParams, 1);

        Assert.Null(result.Batch);
        Assert.Equal(PaymentErrorCode.TicketEVTooHigh, result.Error?.Code);
        Assert.Equal(0u, await Grain.GetLastNonce(ticketParams.RecipientRandHash));
    }

    [Fact]
    public async Task A_batch_whose_total_EV_is_above_the_gateways_cap_is_refused_without_consuming_nonces()
    {
        var ticketParams = IssueParams();
        Assert.Equal([1u], AcceptedNonces(await CreateBatchAsync(ticketParams, 1)));

        // 2,501 tickets of 8e9 wei EV exceed -maxTotalEV 2e13 wei.
        var result = await Grain.CreateTicketBatch(ticketParams, 2_501);

        Assert.Equal(PaymentErrorCode.TotalTicketEVTooHigh, result.Error?.Code);
        Assert.Equal(1u, await Grain.GetLastNonce(ticketParams.RecipientRandHash));
        Assert.Equal([2u], AcceptedNonces(await CreateBatchAsync(ticketParams, 1)));
    }

    [Fact]
    public async Task A_grain_keyed_by_an_address_this_node_holds_no_key_for_fails()
    {
        var ticketParams = IssueParams();

        foreach (var foreign in new[] { EthKey.Generate().Address, fixture.Keys.Orchestrator.Address })
        {
            var grain = fixture.Client.GetGrain<ITicketSenderGrain>(foreign.ToString());
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.CreateTicketBatch(ticketParams, 1));
            Assert.Contains($"holds no key for sender {foreign}", e.Message, StringComparison.Ordinal);
        }
    }
}
