using Livepeer.Cuda.Scaling;
using Livepeer.Discovery;
using Livepeer.GatewayApi.Apis;
using Livepeer.Node;
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
            return FrameScalers.CreateBest(message => logger.LogInformation("{Message}", message));
        });
        services.AddSingleton<ISegmentTranscoder, FrameTranscoder>();
        services.AddSingleton<TranscodingLadder>();
        services.AddHostedService<EmbeddedLedgerFunding>();
        if (node.RunsOrchestrator)
        {
            services.AddGrpc();
            services.AddSingleton<Net.AuthTokens>();
            services.AddSingleton<OrchestratorWire>();
            services.AddSingleton<RenditionStore>();
            services.AddHostedService<RoundsStartup>();
        }
        if (node.RunsGateway)
            services.AddGatewayServices(node, keys);
        return services;
    }

    /// <summary>
    /// go-livepeer's discovery precedence (see shared spec: network.md §3): the webhook, else the fixed list; the
    /// embedded node with both roles and neither set uses its own orchestrator, over the wire.
    /// </summary>
    private static void AddGatewayServices(this IServiceCollection services, NodeOptions node, NodeKeys keys)
    {
        services.AddSingleton<OrchestratorClient>();
        services.AddSingleton(sp => new OrchestratorDiscovery(sp.GetRequiredService<OrchestratorClient>(), keys.Gateway, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IOrchestratorSource>(sp =>
        {
            if (!string.IsNullOrWhiteSpace(node.OrchWebhookUrl))
                return new WebhookOrchestratorSource(new HttpClient(), new Uri(node.OrchWebhookUrl), sp.GetRequiredService<TimeProvider>());
            if (!string.IsNullOrWhiteSpace(node.OrchAddr))
                return FixedOrchestratorSource.Parse(node.OrchAddr);
            return node.RunsOrchestrator
                ? new FixedOrchestratorSource([node.ServiceUri])
                : throw new InvalidOperationException("a gateway-only node needs --orchAddr or --orchWebhookUrl");
        });
        services.AddSingleton(new SelectionAlgorithm
        {
            MaxPricePerPixel = node.MaxPricePerUnit > 0 ? new PriceInfo(node.MaxPricePerUnit, node.PixelsPerUnit).PricePerPixel : null,
        });
        services.AddSingleton(sp => new GatewayOrchestrators(keys.Gateway, sp.GetRequiredService<IOrchestratorSource>(),
            sp.GetRequiredService<OrchestratorDiscovery>(), sp.GetRequiredService<OrchestratorClient>(), sp.GetRequiredService<SelectionAlgorithm>()));
    }
}
