using System.Text;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Protocol;

/// <summary>
/// The embedded ledger's clock: L1 blocks advance every 12 s of wall time (Ethereum's slot time) and rounds are
/// <c>roundLength</c> blocks, as on the real chain; every round counts as initialized. Block hashes are derived from
/// the round number, so they are stable across restarts of the node.
/// </summary>
public sealed class EmbeddedChainClock(TimeProvider time, long roundLength = EmbeddedChainClock.DefaultRoundLength) : ITimeManager
{
    /// <summary>Arbitrum One's RoundsManager round length, in L1 blocks.</summary>
    public const long DefaultRoundLength = 5760;

    public static readonly TimeSpan L1BlockTime = TimeSpan.FromSeconds(12);

    public long LastSeenL1Block => time.GetUtcNow().ToUnixTimeSeconds() / (long)L1BlockTime.TotalSeconds;

    public long LastInitializedRound => LastSeenL1Block / roundLength;

    public Hash32 LastInitializedL1BlockHash => BlockHashForRound(LastInitializedRound);

    public Hash32 PreLastInitializedL1BlockHash => BlockHashForRound(LastInitializedRound - 1);

    public static Hash32 BlockHashForRound(long round) =>
        Hash32.FromBytes(Keccak256.Hash(Encoding.ASCII.GetBytes($"livepeer-embedded-round:{round}")));
}
