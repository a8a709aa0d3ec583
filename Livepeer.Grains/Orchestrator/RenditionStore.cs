using System.Collections.Concurrent;

namespace Livepeer.Orchestrator;

/// <summary>
/// The orchestrator's local object storage (go-livepeer saves renditions as <c>{profile}/{seq}.ts</c> and returns
/// their URLs in <c>TranscodeResult</c>), kept in memory. A gateway fetches them right after the result, so each is
/// kept for <see cref="Retention"/> only, and never more than <see cref="Capacity"/> at once: a count alone held
/// thousands of renditions (hundreds of MiB) for hours on a node with one stream.
/// </summary>
public sealed class RenditionStore(TimeProvider time)
{
    public const int Capacity = 2048;

    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, byte[]> _data = new();
    private readonly ConcurrentQueue<(string Key, DateTimeOffset StoredAt)> _order = new();

    public void Put(string key, byte[] data)
    {
        var now = time.GetUtcNow();
        _data[key] = data;
        _order.Enqueue((key, now));
        while (_order.TryPeek(out var oldest) && (_order.Count > Capacity || now - oldest.StoredAt >= Retention) && _order.TryDequeue(out oldest))
            _data.TryRemove(oldest.Key, out _);
    }

    public byte[]? Get(string key) => _data.TryGetValue(key, out var data) ? data : null;
}
