namespace Livepeer.Discovery;

/// <summary>
/// go-livepeer's per-stream <c>suspender</c> (<c>server/suspensions.go</c>; see shared spec: network.md §7): a failing
/// orchestrator is suspended for <c>penalty</c> pool refreshes; each refresh advances the counter.
/// </summary>
[GenerateSerializer]
public sealed class Suspender
{
    [Id(0)] private readonly Dictionary<string, int> _until = [];

    [Id(1)] private int _refreshes;

    public void Suspend(string orchestrator, int penalty) => _until[orchestrator] = _refreshes + Math.Max(1, penalty);

    public void SignalRefresh()
    {
        _refreshes++;
        foreach (var (orchestrator, until) in _until)
        {
            if (until <= _refreshes)
                _until.Remove(orchestrator);
        }
    }

    /// <summary>The refresh count until which <paramref name="orchestrator"/> stays suspended; 0 when it is not.</summary>
    public int Suspended(string orchestrator) => _until.TryGetValue(orchestrator, out var until) && until > _refreshes ? until : 0;

    /// <summary>The orchestrators suspended now.</summary>
    public IReadOnlyList<string> SuspendedOrchestrators() => [.. _until.Where(e => e.Value > _refreshes).Select(e => e.Key)];

    /// <summary>go-livepeer's penalty: <c>ceil(poolSize / numOrchs)</c>.</summary>
    public static int Penalty(int poolSize, int numOrchestrators) =>
        numOrchestrators <= 0 ? 1 : Math.Max(1, (poolSize + numOrchestrators - 1) / numOrchestrators);
}
