using Livepeer.Transcoding;

namespace Livepeer.Silo.Hosting;

/// <summary>Starts the transcode engine choice (the start-up measurement under <c>auto</c>) without delaying the start.</summary>
internal sealed class TranscodeEngineStartup(SelectedTranscoder transcoder) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = transcoder.ChooseAsync();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
