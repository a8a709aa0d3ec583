using System.Net;
using Livepeer.Orchestrator;
using Livepeer.Payments;
using Livepeer.Protocol;

namespace Livepeer.Integration.Tests.Fleet;

/// <summary>
/// Three silo processes and a real Redis: a live-paced stream goes through the gateway while a worker host dies, a
/// worker host shuts down, or Redis restarts. Every segment must come back, no ticket may be rejected (a reused nonce
/// would be), and every winning ticket must sit in the orchestrator's durable queue exactly once, unredeemed, so its
/// one redemption is still ahead of it.
/// </summary>
public sealed class FleetChaosTests(FleetFixture fleet) : IClassFixture<FleetFixture>
{
    private const int Segments = 9;

    private const string Rendition = "P144p30fps16x9";

    private static readonly TimeSpan SegmentDuration = TimeSpan.FromSeconds(1);

    [Fact]
    public Task A_worker_host_killed_mid_stream_loses_no_segment_and_no_ticket() =>
        StreamThroughAsync("killed", async orchestratorId =>
            await (await fleet.ServingWorkerAsync(orchestratorId, TimeSpan.FromSeconds(30))).KillAsync());

    [Fact]
    public Task A_worker_host_shut_down_mid_stream_fails_no_request() =>
        StreamThroughAsync("drained", async orchestratorId =>
            await (await fleet.ServingWorkerAsync(orchestratorId, TimeSpan.FromSeconds(30))).TerminateAsync(TimeSpan.FromSeconds(30)));

    [Fact]
    public Task Redis_restarted_mid_stream_loses_no_segment_and_no_ticket() =>
        StreamThroughAsync("redis", async _ =>
        {
            await fleet.Redis.StopAsync();
            await fleet.Redis.StartAsync();
        });

    private async Task StreamThroughAsync(string manifestId, Func<string, Task> breakSomething)
    {
        await fleet.EnsureWorkersRunningAsync();
        var orchestratorId = await fleet.OrchestratorIdAsync();
        var queue = fleet.Client.GetGrain<IWinningTicketQueueGrain>(orchestratorId);
        var queuedBefore = (await queue.GetQueued()).Select(q => q.Ticket.Ticket.Hash()).ToHashSet();

        var stream = new LiveStream(fleet.Http, fleet.Gateway.HttpUrl, manifestId, fleet.Segment, SegmentDuration);
        var pushing = stream.PushAsync(Segments);
        await stream.Started.WaitAsync(TimeSpan.FromMinutes(2));
        await breakSomething(orchestratorId);
        await pushing.WaitAsync(TimeSpan.FromMinutes(3));

        var failed = stream.Results.Where(r => r.Status != HttpStatusCode.OK).Select(r => $"{r.SeqNo}: {(int)r.Status} {r.Body}").ToList();
        Assert.True(failed.Count == 0, $"segments failed: {string.Join("; ", failed)}");
        Assert.Equal(Segments, stream.Results.Count);
        Assert.All(stream.Results, r => Assert.Contains($"Rendition-Name: {Rendition}", r.Body));

        // The stream plays on after the failure. The HLS window is held in memory by the session grain (it is not
        // durable state), and in one run of four the session grain was activated afresh while a worker host died, so
        // only the latest segment is certain to be listed; the durable state (session, nonces, tickets) is checked below.
        var playlist = await fleet.Http.GetStringAsync(new Uri(fleet.Gateway.HttpUrl, $"/stream/{manifestId}/{Rendition}.m3u8"));
        Assert.Contains($"{Rendition}/{Segments - 1}.ts", playlist);

        // The orchestrator's counters are in memory, and grains on surviving silos were seen activated afresh while a
        // worker host died, so the durable winning-ticket queue is what is checked: the stream's winners are there,
        // each once, each with its own nonce (no nonce reused), and none redeemed yet.
        var queued = (await queue.GetQueued()).Select(q => q.Ticket.Ticket).Where(t => !queuedBefore.Contains(t.Hash())).ToList();
        Assert.True(queued.Count > 0, "the stream queued no winning ticket");
        Assert.Equal(queued.Count, queued.Select(t => t.Hash()).Distinct().Count());
        Assert.Equal(queued.Count, queued.Select(t => (t.RecipientRandHash, t.SenderNonce)).Distinct().Count());
        var broker = fleet.Client.GetGrain<ITicketBrokerGrain>(TicketBrokerGrain.Embedded);
        foreach (var ticket in queued)
            Assert.False(await broker.IsUsedTicket(ticket.Hash()), $"winning ticket {ticket.Hash()} was already redeemed");
    }
}
