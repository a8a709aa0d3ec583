namespace Livepeer.Storage;

/// <summary>
/// Group commit for a reentrant grain's state: callers that change the state while a write is in flight share the one
/// write that starts when it ends, instead of queueing a write (an fsync with file storage) each. A caller's changes
/// are durable once its task completes, as if it had written alone. Not thread-safe: grain turns are single-threaded.
/// </summary>
public sealed class GroupCommit(Func<Task> write)
{
    private Task _inFlight = Task.CompletedTask;
    private Task? _next;

    /// <summary>A write that starts after this call and covers every change made before it.</summary>
    public Task WriteAsync()
    {
        if (_next is { } queued)
            return queued;
        if (_inFlight.IsCompleted)
            return _inFlight = write();
        return _next = AfterInFlightAsync(_inFlight);
    }

    private async Task AfterInFlightAsync(Task inFlight)
    {
        // The earlier write's failure belongs to its own callers; this write starts afresh either way.
        await inFlight.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        _next = null;
        _inFlight = write();
        await _inFlight;
    }
}
