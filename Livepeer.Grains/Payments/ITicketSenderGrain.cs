using Livepeer.Crypto;

namespace Livepeer.Payments;

/// <summary>
/// The gateway's ticket signer for one sender address (go-livepeer's <c>pm.Sender</c>): signs batches of tickets
/// against an orchestrator's params with nonces that are persisted before the batch leaves, so no nonce is ever
/// reused, even across a restart.
/// </summary>
public interface ITicketSenderGrain : IGrainWithStringKey
{
    /// <summary>Validates the params (see shared spec: payments.md §9.2) and signs <paramref name="count"/> tickets.</summary>
    Task<TicketBatchResult> CreateTicketBatch(TicketParams ticketParams, int count);

    /// <summary>The last nonce used for a recipientRandHash, 0 if none.</summary>
    Task<uint> GetLastNonce(Hash32 recipientRandHash);
}

[GenerateSerializer, Immutable]
public sealed record TicketBatchResult([property: Id(0)] TicketBatch? Batch, [property: Id(1)] PaymentError? Error);

[GenerateSerializer]
public sealed class TicketSenderState
{
    /// <summary>Nonce sessions by recipientRandHash (hex), as go-livepeer keys them.</summary>
    [Id(0)] public Dictionary<string, NonceSession> Sessions { get; set; } = [];
}

[GenerateSerializer]
public sealed class NonceSession
{
    [Id(0)] public uint LastNonce { get; set; }

    /// <summary>The params' expiration block: past it the session is dropped.</summary>
    [Id(1)] public long ExpirationBlock { get; set; }
}
