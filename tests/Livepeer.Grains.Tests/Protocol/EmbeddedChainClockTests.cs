using Livepeer.Crypto;
using Livepeer.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Grains.Tests.Protocol;

/// <summary>The embedded ledger's clock: 12 s L1 blocks, rounds of <c>roundLength</c> blocks, stable block hashes.</summary>
public sealed class EmbeddedChainClockTests
{
    private static FakeTimeProvider At(long unixSeconds) => new(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

    [Fact]
    public void Blocks_are_twelve_seconds_of_unix_time()
    {
        Assert.Equal(TimeSpan.FromSeconds(12), EmbeddedChainClock.DefaultBlockTime);
        var time = At(12 * 1_000);
        var clock = new EmbeddedChainClock(time);
        Assert.Equal(1_000, clock.LastSeenL1Block);

        time.Advance(TimeSpan.FromSeconds(11.999));
        Assert.Equal(1_000, clock.LastSeenL1Block);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1_001, clock.LastSeenL1Block);

        time.Advance(TimeSpan.FromMinutes(8)); // 40 blocks: a ticket params' lifetime
        Assert.Equal(1_041, clock.LastSeenL1Block);
    }

    [Fact]
    public void A_development_block_time_makes_blocks_of_that_length()
    {
        var time = At(1_000);
        var clock = new EmbeddedChainClock(time, roundLength: 10, blockTime: TimeSpan.FromMilliseconds(250));
        Assert.Equal(TimeSpan.FromMilliseconds(250), clock.BlockTime);
        Assert.Equal(4_000, clock.LastSeenL1Block);
        Assert.Equal(400, clock.LastInitializedRound);

        time.Advance(TimeSpan.FromMilliseconds(249));
        Assert.Equal(4_000, clock.LastSeenL1Block);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(4_001, clock.LastSeenL1Block);

        time.Advance(TimeSpan.FromSeconds(10)); // 40 blocks: a ticket params' lifetime
        Assert.Equal(4_041, clock.LastSeenL1Block);
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddedChainClock(time, blockTime: TimeSpan.Zero));
    }

    [Fact]
    public void The_default_round_is_Arbitrums_5760_blocks()
    {
        Assert.Equal(5_760, EmbeddedChainClock.DefaultRoundLength);
        var time = At(12 * ((5_760 * 10) - 1));
        var clock = new EmbeddedChainClock(time);
        Assert.Equal(9, clock.LastInitializedRound);

        time.Advance(EmbeddedChainClock.DefaultBlockTime);
        Assert.Equal((5_760 * 10), clock.LastSeenL1Block);
        Assert.Equal(10, clock.LastInitializedRound);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(9, 0)]
    [InlineData(10, 1)]
    [InlineData(105, 10)]
    public void Rounds_are_whole_multiples_of_the_round_length(long block, long round)
    {
        var clock = new EmbeddedChainClock(At(12 * block), roundLength: 10);

        Assert.Equal(block, clock.LastSeenL1Block);
        Assert.Equal(round, clock.LastInitializedRound);
    }

    [Fact]
    public void The_rounds_block_hashes_are_those_of_the_current_and_previous_round()
    {
        var time = At(12 * 105);
        var clock = new EmbeddedChainClock(time, roundLength: 10);

        Assert.Equal(EmbeddedChainClock.BlockHashForRound(10), clock.LastInitializedL1BlockHash);
        Assert.Equal(EmbeddedChainClock.BlockHashForRound(9), clock.PreLastInitializedL1BlockHash);

        time.Advance(EmbeddedChainClock.DefaultBlockTime * 5);
        Assert.Equal(EmbeddedChainClock.BlockHashForRound(11), clock.LastInitializedL1BlockHash);
        Assert.Equal(EmbeddedChainClock.BlockHashForRound(10), clock.PreLastInitializedL1BlockHash);
    }

    [Fact]
    public void Block_hashes_are_distinct_non_zero_and_the_same_for_every_clock()
    {
        var hashes = Enumerable.Range(-1, 100).Select(round => EmbeddedChainClock.BlockHashForRound(round)).ToList();

        Assert.All(hashes, h => Assert.False(h.IsZero)); // a zero hash would make tickets unredeemable
        Assert.Equal(hashes.Count, hashes.Distinct().Count());
        Assert.Equal(
            new EmbeddedChainClock(At(12 * 5_760 * 3)).LastInitializedL1BlockHash,
            new EmbeddedChainClock(At((12 * 5_760 * 4) - 1)).LastInitializedL1BlockHash);
    }

    [Fact]
    public void Block_hashes_are_pinned_so_an_upgrade_never_changes_the_hash_a_ticket_committed_to()
    {
        // keccak256("livepeer-embedded-round:10"), recorded from the first implementation.
        Assert.Equal(
            Hash32.Parse("0x9b1d0a44fd331679cafa1ae6731d98e5e1a3c0e1f3ca04ad1a304081700c8e2e"),
            EmbeddedChainClock.BlockHashForRound(10));
    }
}
