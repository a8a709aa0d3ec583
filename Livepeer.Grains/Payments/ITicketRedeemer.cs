using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Payments;

/// <summary>What redeeming one winning ticket did: the amount paid to the recipient, or the ledger's reason for refusing.</summary>
[GenerateSerializer, Immutable]
public sealed record RedemptionResult([property: Id(0)] BigInteger Paid, [property: Id(1)] string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>The ledger a node redeems winning tickets on: the embedded ledger by default, or the TicketBroker contract.</summary>
public interface ITicketRedeemer
{
    /// <summary>Whether the ledger has already redeemed the ticket with this hash.</summary>
    Task<bool> IsUsedAsync(EthAddress sender, Hash32 ticketHash);

    /// <summary>Redeems one ticket; a refusal comes back as the ledger's own reason (the contract's revert string).</summary>
    Task<RedemptionResult> RedeemAsync(SignedTicket ticket);

    /// <summary>
    /// Redeems several tickets at once (one <c>batchRedeemWinningTickets</c> transaction on chain); one result per
    /// ticket, in order, each with the ledger's own reason when that ticket was refused.
    /// </summary>
    Task<IReadOnlyList<RedemptionResult>> RedeemBatchAsync(IReadOnlyList<SignedTicket> tickets);
}
