using System.Globalization;
using Livepeer.Cuda.Devices;

namespace Livepeer.Transcoding;

/// <summary>
/// What a silo tells the cluster about its GPUs, as Orleans silo metadata (read from the CUDA devices at start), and
/// how many transcode sessions it takes: go-livepeer's <c>-maxSessions</c>, per GPU.
/// </summary>
public static class GpuSiloMetadata
{
    public const string Count = "livepeer.gpu.count";
    public const string Name = "livepeer.gpu.name";
    public const string MemoryBytes = "livepeer.gpu.memoryBytes";
    public const string MaxSessionsPerGpu = "livepeer.gpu.maxSessions";

    /// <summary>The metadata of a silo with <paramref name="gpus"/> (none on a CPU-only silo: count 0).</summary>
    public static Dictionary<string, string> For(IReadOnlyList<GpuDeviceInfo> gpus, int maxSessionsPerGpu)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSessionsPerGpu, 1);
        return new Dictionary<string, string>
        {
            [Count] = gpus.Count.ToString(CultureInfo.InvariantCulture),
            // Nodes are built with one kind of card; a mixed box advertises its first and smallest.
            [Name] = gpus.Count > 0 ? gpus[0].Name : "",
            [MemoryBytes] = gpus.Count > 0 ? gpus.Min(g => g.MemoryBytes).ToString(CultureInfo.InvariantCulture) : "0",
            [MaxSessionsPerGpu] = maxSessionsPerGpu.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>GPUs a silo advertises; 0 when it advertises none or its metadata is unknown.</summary>
    public static int GpuCount(IReadOnlyDictionary<string, string> metadata) => Read(metadata, Count);

    /// <summary>Transcode sessions a silo's GPUs take: GPUs × sessions per GPU.</summary>
    public static int Sessions(IReadOnlyDictionary<string, string> metadata) => GpuCount(metadata) * Read(metadata, MaxSessionsPerGpu);

    private static int Read(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
