using Livepeer.Rounds;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Grains.Tests.Rounds;

public sealed class RoundInitializerTests
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_new_round_nobody_initialized_is_initialized_after_a_random_delay_within_the_maximum()
    {
        var initializer = new RoundInitializer(enabled: true, MaxDelay, time, new Random(7));
        var round = new RoundState(CurrentRound: 10, Initialized: false, Active: true, LastRewardRound: 9);

        var now = initializer.ShouldInitialize(round);

        var delay = initializer.DueAt - time.GetUtcNow();
        Assert.InRange(delay, TimeSpan.Zero, MaxDelay);
        Assert.Equal(delay == TimeSpan.Zero, now);
        Assert.Equal(10, initializer.PlannedRound);
        time.Advance(delay - TimeSpan.FromTicks(1));
        Assert.Equal(delay == TimeSpan.Zero, initializer.ShouldInitialize(round));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.True(initializer.ShouldInitialize(round));
    }

    [Fact]
    public void The_delay_is_drawn_once_per_round_and_again_for_the_next()
    {
        var initializer = new RoundInitializer(enabled: true, MaxDelay, time, new Random(1));
        initializer.ShouldInitialize(new RoundState(10, false, false, 0));
        var due = initializer.DueAt;
        time.Advance(TimeSpan.FromSeconds(1));
        initializer.ShouldInitialize(new RoundState(10, false, false, 0));
        Assert.Equal(due, initializer.DueAt);

        initializer.ShouldInitialize(new RoundState(11, false, false, 0));
        Assert.Equal(11, initializer.PlannedRound);
        Assert.InRange(initializer.DueAt - time.GetUtcNow(), TimeSpan.Zero, MaxDelay);
    }

    [Fact]
    public void A_round_someone_else_initialized_during_the_delay_is_left_alone()
    {
        var initializer = new RoundInitializer(enabled: true, MaxDelay, time, new Random(3));
        initializer.ShouldInitialize(new RoundState(10, false, false, 0));
        time.Advance(MaxDelay);

        Assert.False(initializer.ShouldInitialize(new RoundState(10, Initialized: true, false, 0)));
        Assert.Null(initializer.PlannedRound);
    }

    [Fact]
    public void A_node_not_configured_to_initialize_rounds_never_does()
    {
        var initializer = new RoundInitializer(enabled: false, TimeSpan.Zero, time, new Random(3));

        Assert.False(initializer.ShouldInitialize(new RoundState(10, false, false, 0)));
    }

    [Fact]
    public void Without_a_maximum_delay_the_round_is_initialized_on_the_first_block_seen()
    {
        var initializer = new RoundInitializer(enabled: true, TimeSpan.Zero, time, new Random(3));

        Assert.True(initializer.ShouldInitialize(new RoundState(10, false, false, 0)));
    }
}
