using System.Net;
using Livepeer.GatewayApi.Apis;
using Livepeer.Node;
using Orleans.Dashboard;

namespace Livepeer.Silo.Hosting;

/// <summary>
/// Builds a node: the embedded default (one silo hosting every role) or one silo of a Redis fleet with the roles
/// <see cref="NodeOptions.Roles"/> names. Kestrel serves the gateway API on <see cref="NodeOptions.HttpAddress"/> (gateway
/// role) and the orchestrator service on <see cref="NodeOptions.ServiceAddress"/> (orchestrator role); every silo serves
/// the dashboard, <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> on <see cref="NodeOptions.HttpAddress"/>.
/// </summary>
public static class NodeHost
{
    /// <summary>go-livepeer-style switches, mapped onto the <c>Node</c> configuration section.</summary>
    private static readonly Dictionary<string, string> Switches = new()
    {
        ["--httpAddr"] = "Node:HttpAddress",
        ["--serviceAddr"] = "Node:ServiceAddress",
        ["--dataDir"] = "Node:DataDirectory",
        ["--transcodingOptions"] = "Node:TranscodingOptions",
        ["--dashboardPath"] = "Node:DashboardPath",
        ["--siloPort"] = "Node:SiloPort",
        ["--orleansGatewayPort"] = "Node:OrleansGatewayPort",
        ["--transcodeWorkers"] = "Node:TranscodeWorkers",
        ["--cluster"] = "Node:Cluster",
        ["--redis"] = "Node:Redis",
        ["--roles"] = "Node:Roles",
    };

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddCommandLine(args, Switches);
        var section = builder.Configuration.GetSection(NodeOptions.Section);
        var node = section.Get<NodeOptions>() ?? new NodeOptions();
        builder.Services.Configure<NodeOptions>(section);
        var roles = SiloRoles.Parse(node.Roles);
        var servesOrchestrator = roles.Contains(SiloRoles.Orchestrator);
        builder.Logging.AddNodeLogging(node);

        var gateway = ParseEndpoint(node.HttpAddress, "HttpAddress");
        var service = ParseEndpoint(node.ServiceAddress, "ServiceAddress");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(gateway);
            if (servesOrchestrator)
                kestrel.Listen(service);
            kestrel.Limits.MaxRequestBodySize = LiveIngestApi.MaxSegmentBytes;
        });
        builder.UseOrleans(silo => silo.AddNode(node, roles));
        builder.Services.AddNodeServices(node, roles);
        builder.Services.AddOperatorEndpoints();

        var app = builder.Build();
        var gatewayHost = $"*:{gateway.Port}";
        if (roles.Contains(SiloRoles.Gateway))
        {
            app.MapLiveIngestApi().RequireHost(gatewayHost);
            app.MapHlsApi().RequireHost(gatewayHost);
        }
        app.MapOrleansDashboard(node.DashboardPath).RequireHost(gatewayHost);
        app.MapOperatorEndpoints(gatewayHost);
        if (servesOrchestrator)
            app.MapOrchestratorStatusApi().RequireHost($"*:{service.Port}");
        return app;
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
