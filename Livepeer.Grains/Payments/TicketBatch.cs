using Livepeer.Crypto;

namespace Livepeer.Payments;

/// <summary>
/// Tickets sharing one set of params, expiration params and sender; the shape of a protobuf
/// <c>Payment</c> (see shared spec: payments.md §1.2).
/// </summary>
public sealed record TicketBatch(
    TicketParams TicketParams,
    TicketExpirationParams ExpirationParams,
    EthAddress Sender,
    IReadOnlyList<TicketSenderParams> SenderParams)
{
    /// <summary>The tickets, in the order of <see cref="SenderParams"/>.</summary>
    public IReadOnlyList<Ticket> Tickets() =>
        [.. SenderParams.Select(p => Ticket.Create(TicketParams, ExpirationParams, Sender, p.SenderNonce))];
}
