using Livepeer.AI;

namespace Livepeer.Grains.Tests.AI;

public sealed class AIRunnerSlotsTests
{
    [Fact]
    public void Reserves_up_to_the_capacity_and_says_why_not_after()
    {
        var slots = new AIRunnerSlots([1, 2]);
        Assert.Equal(AIReservation.Reserved, slots.TryReserve([], out var first));
        Assert.Equal(AIReservation.Reserved, slots.TryReserve([], out var second));
        Assert.Equal(AIReservation.Reserved, slots.TryReserve([], out var third));
        Assert.Equal(AIReservation.InsufficientCapacity, slots.TryReserve([], out _));
        Assert.Equal([0, 1, 1], new[] { first, second, third }.Order());
        slots.Release(second);
        Assert.Equal(2, slots.InUse);
    }

    [Fact]
    public void Picks_the_least_busy_runner_relative_to_its_capacity()
    {
        var slots = new AIRunnerSlots([1, 4]);
        slots.TryReserve([], out var a);
        slots.TryReserve([], out var b);
        Assert.Equal((0, 1), (a, b));
        slots.TryReserve([], out var c);
        Assert.Equal(1, c);
    }

    [Fact]
    public void Skips_tried_runners_and_runners_down_after_two_failures()
    {
        var slots = new AIRunnerSlots([1, 1]);
        Assert.Equal(AIReservation.Reserved, slots.TryReserve([0], out var runner));
        Assert.Equal(1, runner);
        slots.Release(runner);
        slots.Report(0, healthy: false);
        Assert.True(slots.IsUp(0));
        slots.Report(0, healthy: false);
        Assert.False(slots.IsUp(0));
        Assert.Equal(AIReservation.NoReadyRunner, slots.TryReserve([1], out _));
        slots.Report(0, healthy: true);
        Assert.Equal(AIReservation.Reserved, slots.TryReserve([1], out runner));
        Assert.Equal(0, runner);
    }

    [Fact]
    public void Releasing_a_slot_not_in_use_is_refused()
    {
        var slots = new AIRunnerSlots([1]);
        Assert.Throws<InvalidOperationException>(() => slots.Release(0));
    }

    [Fact]
    public async Task Counts_stay_exact_under_concurrent_reservations_and_releases()
    {
        var slots = new AIRunnerSlots([3, 5]);
        var reserved = 0;
        var maxReserved = 0;
        var refused = 0;
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                if (slots.TryReserve([], out var runner) != AIReservation.Reserved)
                {
                    Interlocked.Increment(ref refused);
                    continue;
                }
                var now = Interlocked.Increment(ref reserved);
                InterlockedMax(ref maxReserved, now);
                Assert.True(slots.InUseBy(runner) <= (runner == 0 ? 3 : 5));
                Interlocked.Decrement(ref reserved);
                slots.Release(runner);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        Assert.Equal(0, slots.InUse);
        Assert.True(maxReserved <= 8, $"{maxReserved} slots held at once with a capacity of 8");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
