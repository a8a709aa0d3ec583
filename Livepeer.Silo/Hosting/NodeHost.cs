using System.Net;
using Livepeer.GatewayApi.Apis;
using Livepeer.GatewayApi.Apis.AI;
using Livepeer.Node;
using Livepeer.Protocol.Ethereum;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Orleans.Dashboard;

namespace Livepeer.Silo.Hosting;

/// <summary>
/// Builds a node: one silo of the embedded default or of a Redis fleet, with the roles <see cref="NodeOptions.SiloRoleSet"/>
/// gives (<c>--roles</c>, or go-livepeer's <c>--gateway</c> / <c>--orchestrator</c>; with none, every role in one process,
/// the gateway reaching its own orchestrator over loopback through the same wire protocol). Kestrel serves the gateway
/// API, the dashboard, <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> on <see cref="NodeOptions.HttpAddress"/>, and
/// the orchestrator service (gRPC and HTTP on one TLS listener) on <see cref="NodeOptions.ServiceAddress"/>.
/// </summary>
public static class NodeHost
{
    /// <summary>go-livepeer-style switches, mapped onto the <c>Node</c> configuration section.</summary>
    internal static readonly Dictionary<string, string> Switches = new()
    {
        ["--httpAddr"] = "Node:HttpAddress",
        ["--serviceAddr"] = "Node:ServiceAddress",
        ["--dataDir"] = "Node:DataDirectory",
        ["--transcodingOptions"] = "Node:TranscodingOptions",
        ["--dashboardPath"] = "Node:DashboardPath",
        ["--siloPort"] = "Node:SiloPort",
        ["--orleansGatewayPort"] = "Node:OrleansGatewayPort",
        ["--transcodeWorkers"] = "Node:TranscodeWorkers",
        ["--network"] = "Node:Network",
        ["--ethUrl"] = "Node:EthUrl",
        ["--ethController"] = "Node:EthController",
        ["--ethKeystorePath"] = "Node:EthKeystorePath",
        ["--ethPassword"] = "Node:EthPassword",
        ["--maxGasPrice"] = "Node:MaxGasPrice",
        ["--initializeRound"] = "Node:InitializeRound",
        ["--initializeRoundMaxDelay"] = "Node:InitializeRoundMaxDelay",
        ["--reward"] = "Node:Reward",
        ["--blockPollingInterval"] = "Node:BlockPollingInterval",
        ["--aiModels"] = "Node:AIModels",
        ["--maxTicketEV"] = "Node:MaxTicketEV",
        ["--maxTotalEV"] = "Node:MaxTotalEV",
        ["--transcodeEngine"] = "Node:TranscodeEngine",
        ["--orchAddr"] = "Node:OrchAddr",
        ["--orchWebhookUrl"] = "Node:OrchWebhookUrl",
        ["--maxPricePerUnit"] = "Node:MaxPricePerUnit",
        ["--pricePerUnit"] = "Node:PricePerUnit",
        ["--pixelsPerUnit"] = "Node:PixelsPerUnit",
        ["--maxSessions"] = "Node:MaxSessions",
        ["--segmentFormats"] = "Node:SegmentFormats",
        ["--maxSessionsPerGpu"] = "Node:MaxSessionsPerGpu",
        ["--aiModelsDir"] = "Node:AIModelsDir",
        ["--cluster"] = "Node:Cluster",
        ["--redis"] = "Node:Redis",
        ["--roles"] = "Node:Roles",
    };

    /// <summary>go-livepeer's role flags take no value: <c>--gateway</c> means <c>--gateway=true</c>.</summary>
    private static readonly Dictionary<string, string> RoleFlags = new()
    {
        ["--gateway"] = "--Node:Gateway=true",
        ["--broadcaster"] = "--Node:Gateway=true",
        ["--orchestrator"] = "--Node:Orchestrator=true",
    };

    public static WebApplication Build(string[] args)
    {
        args = [.. args.Select(a => RoleFlags.GetValueOrDefault(a, a))];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddCommandLine(args, Switches);
        var section = builder.Configuration.GetSection(NodeOptions.Section);
        var node = section.Get<NodeOptions>() ?? new NodeOptions();
        builder.Services.Configure<NodeOptions>(section);
        var roles = node.SiloRoleSet();
        // Every silo of a fleet serves the dashboard, metrics and health checks; an embedded orchestrator-only node
        // serves only its service port, as go-livepeer's does.
        var servesHttp = node.RunsGateway || node.Cluster == ClusterModes.Redis;
        builder.Logging.AddNodeLogging(node);

        var gateway = ParseEndpoint(node.HttpAddress, "HttpAddress");
        var serviceUri = node.ServiceUri;
        var service = ParseEndpoint(serviceUri.Authority, "ServiceAddress");
        if (node.RunsOrchestrator)
            Net.CapabilitySet.ParseFormats(node.SegmentFormats); // a bad list stops the start, not the first GetOrchestrator
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (servesHttp)
                kestrel.Listen(gateway);
            if (node.RunsOrchestrator)
            {
                kestrel.Listen(service, listen =>
                {
                    if (serviceUri.Scheme == Uri.UriSchemeHttp)
                    {
                        // Plain http is h2c with prior knowledge, as go-livepeer serves it: HTTP/2 only.
                        listen.Protocols = HttpProtocols.Http2;
                    }
                    else
                    {
                        listen.Protocols = HttpProtocols.Http1AndHttp2;
                        listen.UseHttps(ServiceCertificate.Create(serviceUri.Host));
                    }
                });
            }
            kestrel.Limits.MaxRequestBodySize = LiveIngestApi.MaxSegmentBytes;
        });
        builder.UseOrleans(silo => silo.AddNode(node, roles));
        builder.Services.AddNodeServices(node, roles, node.OnChain ? Connect(node, builder.Configuration) : null);
        builder.Services.AddOperatorEndpoints();

        var app = builder.Build();
        var gatewayHost = $"*:{gateway.Port}";
        if (node.RunsGateway)
        {
            app.MapLiveIngestApi().RequireHost(gatewayHost);
            app.MapHlsApi().RequireHost(gatewayHost);
            app.MapAIApi().RequireHost(gatewayHost);
        }
        if (servesHttp)
        {
            app.MapOrleansDashboard(node.DashboardPath).RequireHost(gatewayHost);
            app.MapOperatorEndpoints(gatewayHost);
        }
        if (node.RunsOrchestrator)
        {
            var serviceHost = $"*:{service.Port}";
            app.MapGrpcService<OrchestratorRpcService>().RequireHost(serviceHost);
            app.MapSegmentApi(serviceHost);
            app.MapOrchestratorStatusApi().RequireHost(serviceHost);
        }
        return app;
    }

    /// <summary>Opens the node's Ethereum connection before the host starts: a node on chain cannot run without it.</summary>
    private static EthereumConnection Connect(NodeOptions node, IConfiguration configuration)
    {
        // Lives as long as the process: the RPC client logs its retries through it.
        var logging = LoggerFactory.Create(b => b.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole());
        return EthereumConnection.OpenAsync(node, logging).GetAwaiter().GetResult();
    }

    private static IPEndPoint ParseEndpoint(string address, string setting)
    {
        var text = address.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase)
            ? "127.0.0.1" + address["localhost".Length..]
            : address;
        return IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port > 0
            ? endpoint
            : throw new InvalidOperationException($"Node:{setting} '{address}' is not an IP:port address");
    }
}
