using System.Numerics;
using Livepeer.Monitoring;
using Microsoft.Extensions.Logging;

namespace Livepeer.Payments;

/// <summary>
/// One pass over a winning-ticket queue, done on each new L1 block: stale tickets leave, used ones leave, and the due
/// ones are redeemed, several per <c>batchRedeemWinningTickets</c> transaction where more than one is due (go-livepeer
/// sends one transaction per ticket). A ticket leaves the queue only when redeemed or refused for good
/// (<see cref="RedemptionErrors.IsFinal"/>); when the ledger cannot be reached, its RPC keeps failing after its retries,
/// or the gas price is above the node's maximum, the ticket stays queued with the error and the next block tries again.
/// </summary>
public sealed class RedemptionPass(ITicketRedeemer redeemer, ITimeManager clock, int batchSize, ILogger logger)
{
    /// <param name="persist">Saves the queue; called after every change, so a crash loses no outcome.</param>
    public async Task<RedemptionReport> RunAsync(WinningTicketQueue queue, Func<Task> persist)
    {
        var round = clock.LastInitializedRound;
        var stale = queue.RemoveStale(round);
        foreach (var ticket in stale)
            logger.LogError("Winning ticket {Hash} from {Sender} expired unredeemed (creation round {Round}, last error: {Error})",
                ticket.Ticket.Ticket.Hash(), ticket.Ticket.Ticket.Sender, ticket.Ticket.Ticket.ExpirationParams.CreationRound, ticket.LastError);
        if (stale.Count > 0)
            await persist();

        var counts = new Counts { Dropped = stale.Count };
        var unused = new List<QueuedTicket>();
        var changed = false;
        foreach (var queued in queue.Due(clock.LastSeenL1Block, round))
        {
            // A crash after the ledger paid but before this queue persisted leaves a used ticket here: never pay twice.
            var used = await TryAsync(() => redeemer.IsUsedAsync(queued.Ticket.Ticket.Sender, queued.Ticket.Ticket.Hash()));
            if (used.Error is null && !used.Value)
            {
                unused.Add(queued);
                continue;
            }
            Apply(queue, queued, new RedemptionResult(BigInteger.Zero, used.Error ?? "ticket is used"), counts);
            changed = true;
        }
        if (changed)
            await persist();

        foreach (var batch in Batches(unused, batchSize))
        {
            var results = await TryAsync(async () => batch.Count == 1
                ? [await redeemer.RedeemAsync(batch[0].Ticket)]
                : await redeemer.RedeemBatchAsync([.. batch.Select(t => t.Ticket)]));
            for (var i = 0; i < batch.Count; i++)
                Apply(queue, batch[i], results.Value?[i] ?? new RedemptionResult(BigInteger.Zero, results.Error), counts);
            await persist();
        }
        return new RedemptionReport(counts.Redeemed, counts.Retrying, counts.Dropped, queue.Count, counts.Paid);
    }

    /// <summary>The due tickets in redemption transactions of at most <paramref name="batchSize"/> tickets, earliest first.</summary>
    public static IReadOnlyList<IReadOnlyList<T>> Batches<T>(IReadOnlyList<T> due, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        return [.. due.Chunk(batchSize)];
    }

    private void Apply(WinningTicketQueue queue, QueuedTicket queued, RedemptionResult result, Counts counts)
    {
        var ticket = queued.Ticket.Ticket;
        if (result.Succeeded)
        {
            queue.Remove(queued);
            counts.Redeemed++;
            counts.Paid += result.Paid;
            LivepeerMetrics.TicketRedeemed(result.Paid);
            logger.LogInformation("Redeemed winning ticket {Hash} from {Sender}: {Paid} wei", ticket.Hash(), ticket.Sender, result.Paid);
        }
        else if (RedemptionErrors.IsFinal(result.Error!))
        {
            queue.Remove(queued);
            counts.Dropped++;
            logger.LogWarning("Winning ticket {Hash} from {Sender} leaves the queue: {Error}", ticket.Hash(), ticket.Sender, result.Error);
        }
        else
        {
            WinningTicketQueue.RecordFailure(queued, result.Error!);
            LivepeerMetrics.RedemptionFailed();
            counts.Retrying++;
            logger.LogWarning("Redeeming winning ticket {Hash} failed, retrying on the next block: {Error}", ticket.Hash(), result.Error);
        }
    }

    /// <summary>
    /// The ledger's answer, or the message of why there was none: an RPC still failing after its retries, a receipt
    /// timeout, or a gas price above the node's maximum. None of these says anything about the ticket.
    /// </summary>
    private static async Task<(T? Value, string? Error)> TryAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return (await call(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (default, e.Message);
        }
    }

    private sealed class Counts
    {
        public int Redeemed { get; set; }

        public int Retrying { get; set; }

        public int Dropped { get; set; }

        public BigInteger Paid { get; set; }
    }
}
