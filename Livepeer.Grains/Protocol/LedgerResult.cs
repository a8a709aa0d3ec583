namespace Livepeer.Protocol;

/// <summary>
/// The outcome of one call to the embedded ledger, as a transaction receipt would tell it: either the events the
/// call emitted, or the revert reason the contract gives (see <see cref="TicketBrokerErrors"/>). A reverted call
/// changed nothing.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LedgerResult
{
    private LedgerResult(string? revertReason, IReadOnlyList<TicketBrokerEvent> events)
    {
        RevertReason = revertReason;
        Events = events;
    }

    /// <summary>The contract's revert string, or null when the call succeeded.</summary>
    [Id(0)] public string? RevertReason { get; }

    /// <summary>The logs in emission order; empty when the call reverted.</summary>
    [Id(1)] public IReadOnlyList<TicketBrokerEvent> Events { get; }

    public bool Succeeded => RevertReason is null;

    public static LedgerResult Success(params TicketBrokerEvent[] events) => new(null, events);

    public static LedgerResult Revert(string reason) => new(reason, []);

    public override string ToString() => Succeeded
        ? $"success: {string.Join(", ", Events.Select(e => e.GetType().Name))}"
        : $"reverted: {RevertReason}";
}

/// <summary>
/// The outcome of <c>batchRedeemWinningTickets</c>. <see cref="Transaction"/> is the batch's own receipt: it
/// succeeds even when tickets fail, carrying the events of the tickets that were redeemed. <see cref="Tickets"/>
/// holds each ticket's own result, which the chain swallows; it is empty when the whole batch reverted.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BatchRedeemResult(
    [property: Id(0)] LedgerResult Transaction,
    [property: Id(1)] IReadOnlyList<LedgerResult> Tickets);
