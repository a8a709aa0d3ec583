using Livepeer.AI;
using Livepeer.Cuda.Devices;
using Livepeer.Cuda.Scaling;
using Livepeer.GatewayApi.Apis.AI;
using Livepeer.Node;
using Livepeer.Orchestrator;
using Livepeer.Payments;
using Livepeer.Protocol;
using Livepeer.Protocol.Ethereum;
using Livepeer.Rounds;
using Livepeer.Transcoding;

namespace Livepeer.Silo.Hosting;

internal static class ServiceCollectionExtensions
{
    /// <param name="chain">The Ethereum connection in <c>--network</c> mode; null for the embedded ledger.</param>
    public static IServiceCollection AddNodeServices(this IServiceCollection services, NodeOptions node, EthereumConnection? chain)
    {
        var keys = chain is null ? NodeKeys.LoadOrCreate(node.DataDirectory) : NodeKeys.ForAccount(chain.Account);
        services.AddSingleton(keys);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<NodePayments>();
        if (chain is null)
            services.AddEmbeddedLedger();
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
        services.AddHostedService<TranscodeEngineStartup>();
        services.AddSingleton<TranscodingLadder>();
        services.AddSingleton<IOrchestratorDirectory>(new LocalOrchestratorDirectory(keys.Orchestrator.Address.ToString()));
        services.AddSingleton<AIModels>();
        services.AddAIGatewayApi();
        services.AddHostedService<RoundsStartup>();
        services.AddHostedService<AIWarmModels>();
        return services;
    }

    private static void AddEmbeddedLedger(this IServiceCollection services)
    {
        services.AddSingleton<ITimeManager>(sp => new EmbeddedChainClock(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IGasPriceMonitor>(sp => new FixedGasPrice(sp.GetRequiredService<NodePayments>().EmbeddedGasPrice));
        services.AddSingleton<EmbeddedLedger>();
        services.AddSingleton<ILedger>(sp => sp.GetRequiredService<EmbeddedLedger>());
        services.AddSingleton<ITicketRedeemer>(sp => sp.GetRequiredService<EmbeddedLedger>());
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
}
