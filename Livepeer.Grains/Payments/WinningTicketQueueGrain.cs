using Livepeer.Node;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Livepeer.Payments;

[OrchestratorPlacement]
public sealed class WinningTicketQueueGrain(
    [PersistentState("winningTickets")] IPersistentState<WinningTicketQueueState> state,
    ITicketRedeemer redeemer,
    ITimeManager clock,
    TimeProvider time,
    IOptions<NodeOptions> options,
    ILogger<WinningTicketQueueGrain> logger) : Grain, IWinningTicketQueueGrain
{
    private WinningTicketQueue Queue => new(state.State);

    async Task IWinningTicketQueueGrain.Enqueue(IReadOnlyList<SignedTicket> tickets)
    {
        var queue = Queue;
        var added = tickets.Count(t => queue.Add(t, time.GetUtcNow()));
        if (added > 0)
            await state.WriteStateAsync();
    }

    Task<IReadOnlyList<QueuedTicket>> IWinningTicketQueueGrain.GetQueued() => Task.FromResult<IReadOnlyList<QueuedTicket>>([.. state.State.Tickets]);

    Task<RedemptionReport> IWinningTicketQueueGrain.RedeemDue() =>
        new RedemptionPass(redeemer, clock, options.Value.RedemptionBatchSize, logger).RunAsync(Queue, state.WriteStateAsync);
}
