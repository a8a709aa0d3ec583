using System.Collections.Concurrent;

namespace Livepeer.GatewayApi.Apis;

/// <summary>
/// The orchestrator's local object storage (go-livepeer saves renditions as <c>{profile}/{seq}.ts</c> and returns
/// their URLs in <c>TranscodeResult</c>): kept in memory, the oldest dropped beyond <see cref="Capacity"/>, since a
/// gateway fetches them right after the result.
/// </summary>
public sealed class RenditionStore
{
    public const int Capacity = 2048;

    private readonly ConcurrentDictionary<string, byte[]> _data = new();
    private readonly ConcurrentQueue<string> _order = new();

    public void Put(string key, byte[] data)
    {
        _data[key] = data;
        _order.Enqueue(key);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
            _data.TryRemove(oldest, out _);
    }

    public byte[]? Get(string key) => _data.TryGetValue(key, out var data) ? data : null;
}
