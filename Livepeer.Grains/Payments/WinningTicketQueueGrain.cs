using Livepeer.Node;
using System.Numerics;
using Livepeer.Monitoring;
using Microsoft.Extensions.Logging;

namespace Livepeer.Payments;

[OrchestratorPlacement]
public sealed class WinningTicketQueueGrain(
    [PersistentState("winningTickets")] IPersistentState<WinningTicketQueueState> state,
    ITicketRedeemer redeemer,
    ITimeManager clock,
    TimeProvider time,
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

    async Task<RedemptionReport> IWinningTicketQueueGrain.RedeemDue()
    {
        var queue = Queue;
        var round = clock.LastInitializedRound;
        var stale = queue.RemoveStale(round);
        foreach (var ticket in stale)
            logger.LogError("Winning ticket {Hash} from {Sender} expired unredeemed (creation round {Round}, last error: {Error})",
                ticket.Ticket.Ticket.Hash(), ticket.Ticket.Ticket.Sender, ticket.Ticket.Ticket.ExpirationParams.CreationRound, ticket.LastError);
        if (stale.Count > 0)
            await state.WriteStateAsync();

        int redeemed = 0, retrying = 0, dropped = stale.Count;
        var paid = BigInteger.Zero;
        foreach (var queued in queue.Due(clock.LastSeenL1Block, round))
        {
            var ticket = queued.Ticket.Ticket;
            var hash = ticket.Hash();
            // A crash after the ledger paid but before this queue persisted leaves a used ticket here: never pay twice.
            var result = await redeemer.IsUsedAsync(ticket.Sender, hash)
                ? new RedemptionResult(BigInteger.Zero, "ticket is used")
                : await redeemer.RedeemAsync(queued.Ticket);
            if (result.Succeeded)
            {
                queue.Remove(queued);
                redeemed++;
                paid += result.Paid;
                LivepeerMetrics.TicketRedeemed(result.Paid);
                logger.LogInformation("Redeemed winning ticket {Hash} from {Sender}: {Paid} wei", hash, ticket.Sender, result.Paid);
            }
            else if (RedemptionErrors.IsFinal(result.Error!))
            {
                queue.Remove(queued);
                dropped++;
                logger.LogWarning("Winning ticket {Hash} from {Sender} leaves the queue: {Error}", hash, ticket.Sender, result.Error);
            }
            else
            {
                LivepeerMetrics.RedemptionFailed();
                WinningTicketQueue.RecordFailure(queued, result.Error!);
                retrying++;
                logger.LogWarning("Redeeming winning ticket {Hash} failed, retrying on the next block: {Error}", hash, result.Error);
            }
            await state.WriteStateAsync();
        }
        return new RedemptionReport(redeemed, retrying, dropped, queue.Count, paid);
    }
}
