namespace Livepeer.Discovery;

/// <summary>
/// A value read at most once per <paramref name="duration"/>, however many callers ask at once: the orchestrator
/// lists of discovery (a webhook, the on-chain pool walk) are asked for at every session start and cost a round trip
/// or many to read.
/// </summary>
public sealed class RefreshingCache<T>(TimeSpan duration, TimeProvider time, T initial)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private T _value = initial;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>The cached value, or the one <paramref name="read"/> makes from the previous value once it is stale.</summary>
    public async Task<T> GetAsync(Func<T, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - _readAt < duration)
            return _value;
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (time.GetUtcNow() - _readAt >= duration)
            {
                _value = await read(_value, cancellationToken);
                _readAt = time.GetUtcNow();
            }
            return _value;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
