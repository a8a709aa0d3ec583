namespace Livepeer.Node;

/// <summary>
/// Settings of one node, bound from the <c>Node</c> configuration section (appsettings.json, <c>Node__X</c> environment
/// variables, <c>--Node:X=</c> or the go-livepeer-style switches of the silo host).
/// </summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>The embedded default runs both roles; <c>--gateway</c> or <c>--orchestrator</c> alone runs one.</summary>
    public bool RunsGateway => Gateway || !Orchestrator;

    public bool RunsOrchestrator => Orchestrator || !Gateway;

    /// <summary>Where the embedded node keeps its keys and durable grain state.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Gateway HTTP API (ingest, HLS, dashboard), like go-livepeer's <c>-httpAddr</c>.</summary>
    public string HttpAddress { get; set; } = "127.0.0.1:9935";

    /// <summary>
    /// Orchestrator service endpoint (gRPC and HTTP on one port), like go-livepeer's <c>-serviceAddr</c>: TLS with a
    /// self-signed certificate, or h2c when written with an <c>http://</c> scheme.
    /// </summary>
    public string ServiceAddress { get; set; } = "127.0.0.1:8935";

    /// <summary>The URI gateways reach the orchestrator at (<c>OrchestratorInfo.transcoder</c>): https unless configured http.</summary>
    public Uri ServiceUri => new(ServiceAddress.Contains("://", StringComparison.Ordinal) ? ServiceAddress : "https://" + ServiceAddress);

    /// <summary>Run the gateway role (go-livepeer's <c>-gateway</c>); with neither role set the node runs both.</summary>
    public bool Gateway { get; set; }

    /// <summary>Run the orchestrator role (go-livepeer's <c>-orchestrator</c>); with neither role set the node runs both.</summary>
    public bool Orchestrator { get; set; }

    /// <summary>Fixed orchestrator list for the gateway, comma separated, like go-livepeer's <c>-orchAddr</c>.</summary>
    public string OrchAddr { get; set; } = "";

    /// <summary>Discovery webhook of the gateway, like go-livepeer's <c>-orchWebhookUrl</c>.</summary>
    public string OrchWebhookUrl { get; set; } = "";

    /// <summary>Highest price the gateway pays, wei per <see cref="PixelsPerUnit"/>; 0 = no limit (<c>-maxPricePerUnit</c>).</summary>
    public long MaxPricePerUnit { get; set; }

    /// <summary>Concurrent transcode sessions the orchestrator takes, like go-livepeer's <c>-maxSessions</c>.</summary>
    public int MaxSessions { get; set; } = 10;

    /// <summary>Path of the Orleans Dashboard on the gateway HTTP port.</summary>
    public string DashboardPath { get; set; } = "/dashboard";

    /// <summary>Orleans silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port.</summary>
    public int OrleansGatewayPort { get; set; } = 30000;

    /// <summary>
    /// go-livepeer's <c>-transcodingOptions</c>: a preset list or a JSON profile array (inline or a file path);
    /// empty means the livepeer_bench ladder (240p/360p/480p/720p).
    /// </summary>
    public string TranscodingOptions { get; set; } = "";

    /// <summary>Transcode worker slots of the orchestrator: segments transcoded at once.</summary>
    public int TranscodeWorkers { get; set; } = 4;

    /// <summary>How long the orchestrator waits for a worker before failing the segment.</summary>
    public TimeSpan TranscodeTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Orchestrator price: wei per <see cref="PixelsPerUnit"/> pixels, like go-livepeer's <c>-pricePerUnit</c>.</summary>
    public long PricePerUnit { get; set; } = 1;

    /// <summary>Pixels per price unit, like go-livepeer's <c>-pixelsPerUnit</c>.</summary>
    public long PixelsPerUnit { get; set; } = 1;

    /// <summary>Expected value of one ticket in wei, like go-livepeer's <c>-ticketEV</c>.</summary>
    public string TicketEV { get; set; } = "8000000000";

    /// <summary>Cap on ticket face values in wei (0 = none), like go-livepeer's <c>-maxFaceValue</c>.</summary>
    public string TicketMaxFaceValue { get; set; } = "0";

    /// <summary>Gas price of the embedded ledger in wei, used for ticket face values.</summary>
    public string EmbeddedGasPrice { get; set; } = "100000000";

    /// <summary>Deposit the embedded ledger gives the node's gateway on first start, in wei.</summary>
    public string EmbeddedDeposit { get; set; } = "1000000000000000000";

    /// <summary>Reserve the embedded ledger gives the node's gateway on first start, in wei.</summary>
    public string EmbeddedReserve { get; set; } = "1000000000000000000";
}
