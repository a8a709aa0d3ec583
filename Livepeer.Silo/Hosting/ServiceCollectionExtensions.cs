using Livepeer.Cuda.Devices;
using Livepeer.Cuda.Scaling;
using Livepeer.Node;
using Livepeer.Orchestrator;
using Livepeer.Payments;
using Livepeer.Protocol;
using Livepeer.Transcoding;

namespace Livepeer.Silo.Hosting;

internal static class ServiceCollectionExtensions
{
    public static IServiceCollection AddNodeServices(this IServiceCollection services, NodeOptions node)
    {
        var keys = NodeKeys.LoadOrCreate(node.DataDirectory);
        services.AddSingleton(keys);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ITimeManager>(sp => new EmbeddedChainClock(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<NodePayments>();
        services.AddSingleton<EmbeddedLedger>();
        services.AddSingleton<ILedger>(sp => sp.GetRequiredService<EmbeddedLedger>());
        services.AddSingleton<ITicketRedeemer>(sp => sp.GetRequiredService<EmbeddedLedger>());
        services.AddSingleton<IFrameScaler>(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Livepeer.Cuda");
            return FrameScalers.CreateBest(node.ScaleFilter, message => logger.LogInformation("{Message}", message));
        });
        services.AddSingleton(sp => new FrameTranscoder(sp.GetRequiredService<IFrameScaler>(), CudaDevices.IsAvailable));
        services.AddSingleton(new FilterGraphTranscoder(CudaDevices.IsAvailable));
        services.AddSingleton(sp => new SelectedTranscoder(
            node.TranscodeEngine,
            sp.GetRequiredService<FrameTranscoder>(),
            sp.GetRequiredService<FilterGraphTranscoder>(),
            () => sp.GetRequiredService<TranscodingLadder>().Profiles,
            sp.GetRequiredService<ILogger<SelectedTranscoder>>()));
        services.AddSingleton<ISegmentTranscoder>(sp => sp.GetRequiredService<SelectedTranscoder>());
        services.AddHostedService<TranscodeEngineStartup>();
        services.AddSingleton<TranscodingLadder>();
        services.AddSingleton<IOrchestratorDirectory>(new LocalOrchestratorDirectory(keys.Orchestrator.Address.ToString()));
        services.AddHostedService<EmbeddedLedgerFunding>();
        services.AddHostedService<RoundsStartup>();
        return services;
    }
}
