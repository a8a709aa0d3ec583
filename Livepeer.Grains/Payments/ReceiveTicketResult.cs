using System.Diagnostics.CodeAnalysis;

namespace Livepeer.Payments;

/// <summary>
/// What <see cref="Recipient.ReceiveTicket"/> concluded. A ticket can win and still carry an
/// error: the win is decided before the nonce and expiry checks, as in go-livepeer, and the
/// caller still redeems it (see shared spec: payments.md §7.1 step 4).
/// </summary>
public sealed record ReceiveTicketResult(SignedTicket? WinningTicket, PaymentError? Error)
{
    [MemberNotNullWhen(true, nameof(WinningTicket))]
    public bool Won => WinningTicket is not null;

    /// <summary>True when the ticket passed every check, so its EV may be credited.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsAccepted => Error is null;

    /// <summary>True when the whole payment must be aborted.</summary>
    public bool IsFatal => Error?.IsFatal ?? false;
}
