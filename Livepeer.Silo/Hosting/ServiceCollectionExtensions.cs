using Livepeer.AI;
using Livepeer.Cuda.Devices;
using Livepeer.AI.BuiltIn;
using Livepeer.Cuda.Scaling;
using Livepeer.Discovery;
using Livepeer.GatewayApi.Apis.AI;
using Livepeer.GatewayApi.Apis;
using Livepeer.Node;
using Livepeer.Orchestrator;
using Livepeer.Payments;
using Livepeer.Protocol.Ethereum;
using Livepeer.Protocol;
using Livepeer.Rounds;
using Livepeer.Transcoding;

namespace Livepeer.Silo.Hosting;

internal static class ServiceCollectionExtensions
{
    /// <param name="roles">This silo's roles (<see cref="NodeOptions.SiloRoleSet"/>).</param>
    /// <param name="chain">The Ethereum connection in <c>--network</c> mode; null for the embedded ledger.</param>
    public static IServiceCollection AddNodeServices(this IServiceCollection services, NodeOptions node, IReadOnlySet<string> roles, EthereumConnection? chain)
    {
        var keys = chain is null ? NodeKeys.LoadOrCreate(node.DataDirectory) : NodeKeys.ForAccount(chain.Account);
        services.AddSingleton(keys);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<NodePayments>();
        if (chain is null)
            services.AddEmbeddedLedger(node, fundsGateway: roles.Contains(SiloRoles.Gateway));
        else
            services.AddEthereumLedger(chain);
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
        // Only a worker silo transcodes: the others skip the start-up measurement, which takes every core for seconds.
        if (roles.Overlaps([SiloRoles.GpuWorker, SiloRoles.CpuWorker]))
            services.AddHostedService<TranscodeEngineStartup>();
        services.AddSingleton<TranscodingLadder>();
        if (node.RunsOrchestrator)
        {
            services.AddGrpc();
            services.AddSingleton<Net.AuthTokens>();
            services.AddSingleton<OrchestratorWire>();
            services.AddSingleton<RenditionStore>();
            services.AddHostedService<RoundsStartup>();
        }
        if (node.RunsGateway)
            services.AddGatewayServices(node, keys, chain);
        // AI jobs still reach the orchestrator grain in-process (the AI wire path is not built yet).
        services.AddSingleton<IOrchestratorDirectory>(new LocalOrchestratorDirectory(keys.Orchestrator.Address.ToString()));
        services.AddSingleton<IBuiltInAIRunner, PaddleOcrRunner>();
        services.AddSingleton<AIModels>();
        services.AddAIGatewayApi();
        services.AddHostedService<AIWarmModels>();
        return services;
    }

    private static void AddEmbeddedLedger(this IServiceCollection services, NodeOptions node, bool fundsGateway)
    {
        services.AddSingleton<ITimeManager>(sp => new EmbeddedChainClock(sp.GetRequiredService<TimeProvider>(), blockTime: node.EmbeddedBlockTime));
        services.AddSingleton<IGasPriceMonitor>(sp => new FixedGasPrice(sp.GetRequiredService<NodePayments>().EmbeddedGasPrice));
        services.AddSingleton<EmbeddedLedger>();
        services.AddSingleton<ILedger>(sp => sp.GetRequiredService<EmbeddedLedger>());
        services.AddSingleton<ITicketRedeemer>(sp => sp.GetRequiredService<EmbeddedLedger>());
        if (fundsGateway)
            services.AddHostedService<EmbeddedLedgerFunding>();
    }

    /// <summary>The contracts are the ledger, the chain is the clock, and the rounds grain makes the round calls.</summary>
    private static void AddEthereumLedger(this IServiceCollection services, EthereumConnection chain)
    {
        services.AddSingleton(_ => chain); // from a factory, so the container disposes it
        services.AddSingleton<ITimeManager>(chain.Time);
        services.AddSingleton<IGasPriceMonitor>(chain.GasPrice);
        services.AddSingleton<ILedger>(chain.Ledger);
        services.AddSingleton<ITicketRedeemer>(chain.Ledger);
        services.AddSingleton<IRoundsClient>(new EthereumRoundsClient(chain.Contracts.RoundsManager, chain.Contracts.BondingManager));
        services.AddHostedService<BlockWatcher>();
    }

    /// <summary>
    /// go-livepeer's discovery precedence (see shared spec: network.md §3): the webhook, else the fixed list; with neither
    /// set, a node with both roles uses its own orchestrator, over the wire, and a gateway-only node on chain the active
    /// transcoder pool.
    /// </summary>
    private static void AddGatewayServices(this IServiceCollection services, NodeOptions node, NodeKeys keys, EthereumConnection? chain)
    {
        services.AddSingleton<OrchestratorClient>();
        services.AddSingleton(sp => new OrchestratorDiscovery(sp.GetRequiredService<OrchestratorClient>(), keys.Gateway, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IOrchestratorSource>(sp =>
        {
            if (!string.IsNullOrWhiteSpace(node.OrchWebhookUrl))
                return new WebhookOrchestratorSource(new HttpClient(), new Uri(node.OrchWebhookUrl), sp.GetRequiredService<TimeProvider>());
            if (!string.IsNullOrWhiteSpace(node.OrchAddr))
                return FixedOrchestratorSource.Parse(node.OrchAddr);
            if (node.RunsOrchestrator)
                return new FixedOrchestratorSource([node.ServiceUri]);
            return chain is not null
                ? new OnChainOrchestratorSource(new TranscoderPoolReader(
                    chain.Contracts.BondingManager, chain.Contracts.ServiceRegistry, sp.GetRequiredService<TimeProvider>()))
                : throw new InvalidOperationException("a gateway-only node needs --orchAddr, --orchWebhookUrl or --network (the on-chain pool)");
        });
        services.AddSingleton(new SelectionAlgorithm
        {
            MaxPricePerPixel = node.MaxPricePerUnit > 0 ? new PriceInfo(node.MaxPricePerUnit, node.PixelsPerUnit).PricePerPixel : null,
        });
        services.AddSingleton(sp => new GatewayOrchestrators(keys.Gateway, sp.GetRequiredService<IOrchestratorSource>(),
            sp.GetRequiredService<OrchestratorDiscovery>(), sp.GetRequiredService<OrchestratorClient>(), sp.GetRequiredService<SelectionAlgorithm>()));
    }
}
