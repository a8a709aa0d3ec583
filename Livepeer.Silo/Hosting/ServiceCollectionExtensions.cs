using Livepeer.Cuda.Scaling;
using Livepeer.Node;
using Livepeer.Orchestrator;
using Livepeer.Payments;
using Livepeer.Protocol;
using Livepeer.Transcoding;

namespace Livepeer.Silo.Hosting;

internal static class ServiceCollectionExtensions
{
    public static IServiceCollection AddNodeServices(this IServiceCollection services, NodeOptions node, IReadOnlySet<string> roles)
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
            return FrameScalers.CreateBest(message => logger.LogInformation("{Message}", message));
        });
        services.AddSingleton<ISegmentTranscoder, FrameTranscoder>();
        services.AddSingleton<TranscodingLadder>();
        services.AddSingleton<IOrchestratorDirectory>(new LocalOrchestratorDirectory(keys.Orchestrator.Address.ToString()));
        // Once per fleet would do; once per gateway or orchestrator silo is harmless (both are idempotent).
        if (roles.Contains(SiloRoles.Gateway))
            services.AddHostedService<EmbeddedLedgerFunding>();
        if (roles.Contains(SiloRoles.Orchestrator))
            services.AddHostedService<RoundsStartup>();
        return services;
    }
}
