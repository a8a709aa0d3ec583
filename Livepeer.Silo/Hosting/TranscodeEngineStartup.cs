using Livepeer.Cuda.Devices;
using Livepeer.Transcoding;

namespace Livepeer.Silo.Hosting;

/// <summary>
/// Logs the GPUs this silo advertises and starts the transcode engine choice (the start-up measurement under
/// <c>auto</c>) without delaying the start.
/// </summary>
internal sealed class TranscodeEngineStartup(SelectedTranscoder transcoder, ILogger<TranscodeEngineStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var gpus = CudaDevices.Describe();
        logger.LogInformation("GPUs advertised in silo metadata: {Gpus}",
            gpus.Count == 0 ? "none (CPU engine)" : string.Join(", ", gpus.Select(g => $"{g.Name} ({g.MemoryBytes / (1 << 20)} MiB, sm {g.ComputeCapability})")));
        _ = transcoder.ChooseAsync();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
