namespace Livepeer.Payments;

public enum PaymentErrorCode
{
    // Recipient (O) side, in ReceiveTicket order (see shared spec: payments.md §7.1).
    SenderUnlocking,
    InvalidTicketRecipient,
    InvalidTicketSender,
    InvalidRecipientRand,
    InvalidTicketSignature,
    InvalidTicketSenderNonce,
    TicketParamsExpired,
    InsufficientSenderReserve,

    // Sender (B) side (see shared spec: payments.md §9).
    MissingExpirationBlock,
    FaceValueTooLow,
    TicketEVTooHigh,
    NoSenderReserve,
    NoSenderDeposit,
    TotalTicketEVTooHigh,
    FaceValueTooHigh,
    UnknownSession,
    SenderNonceExhausted,
}

/// <summary>
/// A payment failure as a value, carrying go-livepeer's error text where one exists.
/// <see cref="IsFatal"/> marks go-livepeer's <c>FatalReceiveErr</c>: O aborts the whole payment
/// instead of checking the remaining tickets (see shared spec: payments.md §7.2).
/// </summary>
public sealed record PaymentError(PaymentErrorCode Code, string Message, bool IsFatal = false)
{
    public override string ToString() => Message;

    // go-livepeer's ErrTicketParamsExpired text, shared by O and B.
    internal static PaymentError TicketParamsExpired { get; } = new(PaymentErrorCode.TicketParamsExpired, "TicketParams expired");

    internal static PaymentError InsufficientSenderReserve { get; } = new(PaymentErrorCode.InsufficientSenderReserve, "insufficient sender reserve");
}
