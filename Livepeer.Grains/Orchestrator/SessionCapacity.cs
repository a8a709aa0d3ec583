namespace Livepeer.Orchestrator;

/// <summary>Whether O takes one more segment (see shared spec: network.md §7, O side).</summary>
public enum Admission
{
    Admitted,

    /// <summary>A new session while <c>MaxSessions</c> are active: go-livepeer's <c>OrchestratorCapped</c>.</summary>
    Capped,

    /// <summary>The session's segment queue (go-livepeer's channel buffer of 4) is full: <c>OrchestratorBusy</c>.</summary>
    Busy,
}

/// <summary>
/// go-livepeer's transcode sessions, keyed by the auth token's session ID: at most <c>maxSessions</c> at once, each holding at most
/// one segment in work plus <see cref="QueueLength"/> waiting; a session with nothing in flight for
/// <see cref="IdleTimeout"/> (<c>transcodeLoopTimeout</c>) no longer counts.
/// </summary>
public sealed class SessionCapacity(int maxSessions, TimeProvider time)
{
    public const int QueueLength = 4;

    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(70);

    private readonly Dictionary<string, (int InFlight, DateTimeOffset LastSeen)> _sessions = [];

    public int MaxSessions { get; } = maxSessions >= 1 ? maxSessions : throw new ArgumentOutOfRangeException(nameof(maxSessions));

    /// <summary>go-livepeer's <c>CheckCapacity("")</c>: false when no new session would be taken.</summary>
    public bool HasRoomForNewSession()
    {
        Sweep();
        return _sessions.Count < MaxSessions;
    }

    public Admission TryEnter(string sessionId)
    {
        Sweep();
        if (_sessions.TryGetValue(sessionId, out var session))
        {
            if (session.InFlight > QueueLength)
                return Admission.Busy;
            _sessions[sessionId] = (session.InFlight + 1, time.GetUtcNow());
            return Admission.Admitted;
        }
        if (_sessions.Count >= MaxSessions)
            return Admission.Capped;
        _sessions[sessionId] = (1, time.GetUtcNow());
        return Admission.Admitted;
    }

    public void Leave(string sessionId)
    {
        if (_sessions.TryGetValue(sessionId, out var session))
            _sessions[sessionId] = (Math.Max(0, session.InFlight - 1), time.GetUtcNow());
    }

    /// <summary>Ends a session at once (go-livepeer's <c>EndTranscodingSession</c>).</summary>
    public void End(string sessionId)
    {
        if (_sessions.TryGetValue(sessionId, out var session) && session.InFlight == 0)
            _sessions.Remove(sessionId);
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (id, session) in _sessions)
        {
            if (session.InFlight == 0 && now - session.LastSeen >= IdleTimeout)
                _sessions.Remove(id);
        }
    }
}
