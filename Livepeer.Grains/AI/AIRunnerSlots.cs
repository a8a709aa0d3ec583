namespace Livepeer.AI;

public enum AIReservation
{
    Reserved,

    /// <summary>Every runner that could take the job is busy: go-livepeer's 503 "insufficient capacity".</summary>
    InsufficientCapacity,

    /// <summary>Every runner left to try failed its health checks.</summary>
    NoReadyRunner,
}

/// <summary>
/// The capacity of one (pipeline, model) across its runners (see shared spec: ai.md §7.4): a slot is reserved per
/// request and released when it completes, on the least busy runner that is up. A runner is down after
/// <see cref="FailuresUntilDown"/> consecutive failed health checks or jobs, as go-livepeer drops a container after two.
/// Thread-safe, so that the counts stay exact whoever calls.
/// </summary>
public sealed class AIRunnerSlots
{
    public const int FailuresUntilDown = 2;

    private readonly Lock _lock = new();
    private readonly int[] _capacity;
    private readonly int[] _inUse;
    private readonly int[] _failures;

    public AIRunnerSlots(IReadOnlyList<int> capacities)
    {
        _capacity = [.. capacities];
        _inUse = new int[capacities.Count];
        _failures = new int[capacities.Count];
    }

    public int Capacity => _capacity.Sum();

    public int InUse
    {
        get
        {
            lock (_lock)
                return _inUse.Sum();
        }
    }

    public int InUseBy(int runner)
    {
        lock (_lock)
            return _inUse[runner];
    }

    public bool IsUp(int runner)
    {
        lock (_lock)
            return _failures[runner] < FailuresUntilDown;
    }

    /// <summary>Reserves a slot on the least busy runner that is up and not in <paramref name="tried"/>.</summary>
    public AIReservation TryReserve(IReadOnlyCollection<int> tried, out int runner)
    {
        lock (_lock)
        {
            runner = -1;
            var anyUp = false;
            for (var i = 0; i < _capacity.Length; i++)
            {
                if (tried.Contains(i) || _failures[i] >= FailuresUntilDown)
                    continue;
                anyUp = true;
                if (_inUse[i] < _capacity[i] && (runner < 0 || _inUse[i] * _capacity[runner] < _inUse[runner] * _capacity[i]))
                    runner = i;
            }
            if (runner < 0)
                return anyUp ? AIReservation.InsufficientCapacity : AIReservation.NoReadyRunner;
            _inUse[runner]++;
            return AIReservation.Reserved;
        }
    }

    public void Release(int runner)
    {
        lock (_lock)
        {
            if (_inUse[runner] == 0)
                throw new InvalidOperationException($"runner {runner} has no slot in use to release");
            _inUse[runner]--;
        }
    }

    /// <summary>A health check or a job's outcome: success brings a runner back up, failures take it down.</summary>
    public void Report(int runner, bool healthy)
    {
        lock (_lock)
            _failures[runner] = healthy ? 0 : _failures[runner] + 1;
    }
}
