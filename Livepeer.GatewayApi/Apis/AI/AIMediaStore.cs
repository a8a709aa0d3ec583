using System.Collections.Concurrent;

namespace Livepeer.GatewayApi.Apis.AI;

/// <summary>
/// The gateway's in-memory object store for AI results (go-livepeer's memory driver when no <c>-objectStore</c> is set;
/// see shared spec: ai.md §2.6): each result file is kept under <c>{requestId}/{name}</c> and served by the gateway.
/// The oldest files are dropped once the store holds more than <see cref="MaxBytes"/>.
/// </summary>
public sealed class AIMediaStore
{
    public const long MaxBytes = 512L << 20;

    private readonly ConcurrentDictionary<string, (byte[] Data, string ContentType)> _files = new();
    private readonly ConcurrentQueue<string> _order = new();
    private long _bytes;

    public string Save(string requestId, string name, byte[] data, string contentType)
    {
        var key = $"{requestId}/{name}";
        _files[key] = (data, contentType);
        _order.Enqueue(key);
        Interlocked.Add(ref _bytes, data.Length);
        while (Interlocked.Read(ref _bytes) > MaxBytes && _order.TryDequeue(out var oldest))
        {
            if (_files.TryRemove(oldest, out var removed))
                Interlocked.Add(ref _bytes, -removed.Data.Length);
        }
        return key;
    }

    public (byte[] Data, string ContentType)? Find(string requestId, string name) =>
        _files.TryGetValue($"{requestId}/{name}", out var file) ? file : null;
}
