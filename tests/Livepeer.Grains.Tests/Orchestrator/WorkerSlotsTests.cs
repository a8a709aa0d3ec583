using Livepeer.Orchestrator;

namespace Livepeer.Grains.Tests.Orchestrator;

public sealed class WorkerSlotsTests
{
    [Fact]
    public void Jobs_go_to_the_least_busy_slot()
    {
        var slots = new WorkerSlots("orch", 3);

        Assert.Equal(["orch-0", "orch-1", "orch-2", "orch-0"], Enumerable.Range(0, 4).Select(_ => slots.Acquire().WorkerKey));
        slots.Release(1);
        Assert.Equal("orch-1", slots.Acquire().WorkerKey);
        Assert.Equal(4, slots.InFlight);
    }

    [Fact]
    public void Release_never_goes_below_zero()
    {
        var slots = new WorkerSlots("orch", 1);
        slots.Release(0);

        Assert.Equal(0, slots.InFlight);
    }
}
