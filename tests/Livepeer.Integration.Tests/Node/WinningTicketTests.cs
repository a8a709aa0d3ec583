using System.Net;
using Livepeer.Integration.Tests.Media;
using Livepeer.Node;
using Livepeer.Orchestrator;
using Livepeer.Payments;
using Livepeer.Rounds;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Integration.Tests.Node;

/// <summary>
/// A node whose tickets practically always win (face value capped one wei above EV, so winProb ≈ EV / (EV + 1)), to
/// follow a win from the HTTP push to the orchestrator's durable queue.
/// </summary>
public sealed class WinningNodeFixture : NodeFixture
{
    protected override IEnumerable<string> ExtraArguments =>
        ["--Node:TicketMaxFaceValue=8000000001", "--Node:EmbeddedGasPrice=1"];
}

public sealed class WinningTicketTests(WinningNodeFixture node) : IClassFixture<WinningNodeFixture>
{
    [Fact]
    public async Task Winning_ticket_of_a_pushed_segment_is_queued_for_redemption()
    {
        var keys = node.Services.GetRequiredService<NodeKeys>();
        var orchestratorId = keys.Orchestrator.Address.ToString();
        var segment = await Ffmpeg.GenerateSegmentAsync(node.Directory, 640, 360);

        using var response = await node.Http.PostAsync("/live/winner/0.ts", new ByteArrayContent(segment));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await node.Grains.GetGrain<IOrchestratorGrain>(orchestratorId).GetStats()).WinningTickets);
        var queued = Assert.Single(await node.Grains.GetGrain<IWinningTicketQueueGrain>(orchestratorId).GetQueued());
        Assert.Equal(keys.Gateway.Address, queued.Ticket.Ticket.Sender);
        Assert.Equal(8_000_000_001, queued.Ticket.Ticket.FaceValue);

        // The block reminder's work leaves it queued: its params have not expired yet (40 blocks, 8 minutes).
        var report = await node.Grains.GetGrain<IRoundsGrain>(orchestratorId).OnBlock();
        Assert.Equal((0, 1), (report.Redeemed, report.Waiting));
    }

    [Fact]
    public async Task The_orchestrators_block_reminder_is_registered_at_start()
    {
        var orchestratorId = node.Services.GetRequiredService<NodeKeys>().Orchestrator.Address.ToString();

        var reminders = await node.Http.GetStringAsync("/dashboard/Reminders");

        Assert.Contains(orchestratorId.ToLowerInvariant(), reminders.ToLowerInvariant());
        Assert.Contains("block", reminders);
    }
}
