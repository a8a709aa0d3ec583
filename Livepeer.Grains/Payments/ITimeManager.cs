using Livepeer.Crypto;

namespace Livepeer.Payments;

/// <summary>
/// The chain clock the payment core reads (go-livepeer <c>pm.TimeManager</c>). Block numbers are
/// L1 blocks, even on Arbitrum (see shared spec: payments.md §14.7). Reads must be cheap and
/// non-blocking: implementations serve cached values kept fresh by a watcher.
/// </summary>
public interface ITimeManager
{
    /// <summary>The latest L1 block number seen.</summary>
    long LastSeenL1Block { get; }

    /// <summary>The last round initialized on chain.</summary>
    long LastInitializedRound { get; }

    /// <summary>The L1 block hash recorded for <see cref="LastInitializedRound"/>; may be zero on Arbitrum.</summary>
    Hash32 LastInitializedL1BlockHash { get; }

    /// <summary>The L1 block hash recorded for the round before <see cref="LastInitializedRound"/>.</summary>
    Hash32 PreLastInitializedL1BlockHash { get; }
}
