using System.Text;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Protocol;

/// <summary>
/// The embedded ledger's clock: L1 blocks advance every <c>blockTime</c> of wall time (by default 12 s, Ethereum's
/// slot time; shorter in development, as anvil's <c>--block-time</c>) and rounds are <c>roundLength</c> blocks, as on
/// the real chain; every round counts as initialized. Block hashes are derived from the round number, so they are
/// stable across restarts of the node (with the same block time).
/// </summary>
public sealed class EmbeddedChainClock(TimeProvider time, long roundLength = EmbeddedChainClock.DefaultRoundLength, TimeSpan? blockTime = null) : ITimeManager
{
    /// <summary>Arbitrum One's RoundsManager round length, in L1 blocks.</summary>
    public const long DefaultRoundLength = 5760;

    /// <summary>Ethereum's slot time.</summary>
    public static readonly TimeSpan DefaultBlockTime = TimeSpan.FromSeconds(12);

    private readonly long _blockMilliseconds = (long)(blockTime ?? DefaultBlockTime).TotalMilliseconds is > 0 and var ms
        ? ms
        : throw new ArgumentOutOfRangeException(nameof(blockTime), blockTime, "an embedded L1 block lasts at least 1 ms");

    public TimeSpan BlockTime => TimeSpan.FromMilliseconds(_blockMilliseconds);

    public long LastSeenL1Block => time.GetUtcNow().ToUnixTimeMilliseconds() / _blockMilliseconds;

    public long LastInitializedRound => LastSeenL1Block / roundLength;

    public Hash32 LastInitializedL1BlockHash => BlockHashForRound(LastInitializedRound);

    public Hash32 PreLastInitializedL1BlockHash => BlockHashForRound(LastInitializedRound - 1);

    public static Hash32 BlockHashForRound(long round) =>
        Hash32.FromBytes(Keccak256.Hash(Encoding.ASCII.GetBytes($"livepeer-embedded-round:{round}")));
}
