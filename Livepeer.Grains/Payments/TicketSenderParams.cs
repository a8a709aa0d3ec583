namespace Livepeer.Payments;

/// <summary>
/// The per-ticket part of a batch: its nonce and B's 65-byte signature over the ticket hash.
/// Equality compares <see cref="Sig"/> by reference, as for any array in a record.
/// </summary>
public sealed record TicketSenderParams(uint SenderNonce, byte[] Sig);
