namespace Livepeer.Transcoding;

/// <summary>
/// Runs the concurrent stages of one transcode (a decoder feeding several encoders) so that the first failure cancels
/// the others (a dead encoder must not stall the decoder on a full channel) and is the error reported, rather than the
/// cancellations it caused.
/// </summary>
internal sealed class FirstFailure(CancellationToken cancellationToken) : IDisposable
{
    private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    private Exception? _first;

    public async Task<T> Run<T>(Func<CancellationToken, Task<T>> stage)
    {
        try
        {
            return await stage(_cancel.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _first, e, null);
            await _cancel.CancelAsync();
            throw;
        }
    }

    public Task<bool> Run(Func<CancellationToken, Task> stage) =>
        Run(async ct => { await stage(ct).ConfigureAwait(false); return true; });

    /// <summary>Waits for every stage; on failure rethrows the first one's exception.</summary>
    public async Task WhenAll(IEnumerable<Task> stages)
    {
        try
        {
            await Task.WhenAll(stages).ConfigureAwait(false);
        }
        catch when (_first is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_first);
        }
    }

    public void Dispose() => _cancel.Dispose();
}
