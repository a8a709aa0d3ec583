using Livepeer.Payments;

namespace Livepeer.Rounds;

/// <summary>
/// The node's protocol clock for one orchestrator, keyed by its address: a reminder fires on every L1 block and does
/// the per-block work go-livepeer's watchers do: on chain, initializing the round (when enabled and nobody did) and
/// calling reward once per round while active; on every ledger, draining the winning-ticket queue.
/// </summary>
public interface IRoundsGrain : IGrainWithStringKey
{
    /// <summary>Registers the block reminder (idempotent); called when the node starts.</summary>
    Task Start();

    /// <summary>The work of one block, as the reminder does it; returns what redemption did.</summary>
    Task<RedemptionReport> OnBlock();
}
