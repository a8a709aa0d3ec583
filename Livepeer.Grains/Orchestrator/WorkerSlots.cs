namespace Livepeer.Orchestrator;

/// <summary>Tracks jobs in flight per worker slot and hands out the least busy one.</summary>
public sealed class WorkerSlots
{
    private readonly int[] _inFlight;
    private readonly string _prefix;

    public WorkerSlots(string prefix, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _prefix = prefix;
        _inFlight = new int[count];
    }

    public int InFlight => _inFlight.Sum();

    /// <summary>Takes the slot with the fewest jobs (lowest index on ties) and returns its worker key.</summary>
    public (int Slot, string WorkerKey) Acquire()
    {
        var slot = 0;
        for (var i = 1; i < _inFlight.Length; i++)
            if (_inFlight[i] < _inFlight[slot])
                slot = i;
        _inFlight[slot]++;
        return (slot, $"{_prefix}-{slot}");
    }

    public void Release(int slot) => _inFlight[slot] = Math.Max(0, _inFlight[slot] - 1);
}
