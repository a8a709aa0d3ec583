using Livepeer.Crypto;

namespace Livepeer.Payments;

/// <summary>A winning ticket waiting for redemption, with what happened to it so far.</summary>
[GenerateSerializer]
public sealed class QueuedTicket
{
    [Id(0)] public required SignedTicket Ticket { get; init; }
    [Id(1)] public required DateTimeOffset QueuedAt { get; init; }
    [Id(2)] public int Attempts { get; set; }
    [Id(3)] public string? LastError { get; set; }
}

/// <summary>The durable state of a winning-ticket queue: tickets in arrival order.</summary>
[GenerateSerializer]
public sealed class WinningTicketQueueState
{
    [Id(0)] public List<QueuedTicket> Tickets { get; set; } = [];
}

/// <summary>
/// go-livepeer's winning-ticket queue (<c>pm/queue.go</c>; see shared spec: payments.md §11): tickets are redeemed
/// earliest first, and only once their params have expired (revealing recipientRand earlier would let the sender
/// predict outcomes); tickets older than the contract's validity period can never be redeemed and are dropped.
/// </summary>
public sealed class WinningTicketQueue(WinningTicketQueueState state)
{
    /// <summary>Rounds a ticket stays redeemable after its creation round (TicketBroker's ticketValidityPeriod).</summary>
    public const int TicketValidityPeriod = 2;

    public int Count => state.Tickets.Count;

    public IReadOnlyList<QueuedTicket> Tickets => state.Tickets;

    /// <summary>Adds a ticket unless the same ticket is already queued; returns whether it was added.</summary>
    public bool Add(SignedTicket ticket, DateTimeOffset now)
    {
        var hash = ticket.Ticket.Hash();
        if (state.Tickets.Any(t => t.Ticket.Ticket.Hash() == hash))
            return false;
        state.Tickets.Add(new QueuedTicket { Ticket = ticket, QueuedAt = now });
        return true;
    }

    /// <summary>Tickets whose params have expired and that are still within the validity period, earliest first.</summary>
    public IReadOnlyList<QueuedTicket> Due(long latestL1Block, long lastInitializedRound) =>
        state.Tickets
            .Where(t => t.Ticket.Ticket.ParamsExpirationBlock <= latestL1Block && IsValid(t, lastInitializedRound))
            .ToList();

    /// <summary>Removes the tickets that are too old to redeem, and returns them.</summary>
    public IReadOnlyList<QueuedTicket> RemoveStale(long lastInitializedRound)
    {
        var stale = state.Tickets.Where(t => !IsValid(t, lastInitializedRound)).ToList();
        state.Tickets.RemoveAll(stale.Contains);
        return stale;
    }

    public void Remove(QueuedTicket ticket) => state.Tickets.Remove(ticket);

    public static void RecordFailure(QueuedTicket ticket, string error)
    {
        ticket.Attempts++;
        ticket.LastError = error;
    }

    private static bool IsValid(QueuedTicket ticket, long lastInitializedRound) =>
        ticket.Ticket.Ticket.ExpirationParams.CreationRound + TicketValidityPeriod > lastInitializedRound;
}

/// <summary>How go-livepeer classifies a failed redemption (see shared spec: payments.md §11).</summary>
public static class RedemptionErrors
{
    /// <summary>
    /// Errors after which retrying can never succeed, so the ticket leaves the queue: already used, a mined revert,
    /// or a creation round without a block hash. Everything else is retried on the next block.
    /// </summary>
    public static bool IsFinal(string error) =>
        error.Contains("ticket is used", StringComparison.Ordinal)
        || error.Contains("ticket already used", StringComparison.Ordinal)
        || error.Contains("transaction failed", StringComparison.Ordinal)
        || error.Contains("ticket creationRound does not have a block hash", StringComparison.Ordinal);
}
