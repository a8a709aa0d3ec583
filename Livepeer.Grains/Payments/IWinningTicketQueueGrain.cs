using System.Numerics;

namespace Livepeer.Payments;

/// <summary>
/// An orchestrator's durable queue of winning tickets, keyed by the recipient address: a ticket is persisted here
/// before the payment that carried it is acknowledged, and leaves only once the ledger redeemed it or refused it for
/// good, so no winning ticket is lost or redeemed twice, whatever crashes in between.
/// </summary>
public interface IWinningTicketQueueGrain : IGrainWithStringKey
{
    /// <summary>Persists the tickets; returns once they are on disk.</summary>
    Task Enqueue(IReadOnlyList<SignedTicket> tickets);

    /// <summary>Redeems every ticket whose params have expired; called on each new L1 block.</summary>
    Task<RedemptionReport> RedeemDue();

    /// <summary>The tickets waiting, oldest first.</summary>
    Task<IReadOnlyList<QueuedTicket>> GetQueued();
}

/// <summary>What one redemption pass did.</summary>
[GenerateSerializer, Immutable]
public sealed record RedemptionReport(
    [property: Id(0)] int Redeemed,
    [property: Id(1)] int Retrying,
    [property: Id(2)] int Dropped,
    [property: Id(3)] int Waiting,
    [property: Id(4)] BigInteger Paid);
