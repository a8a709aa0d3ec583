namespace Livepeer.Node;

/// <summary>
/// Settings of one node, bound from the <c>Node</c> configuration section (appsettings.json, <c>Node__X</c> environment
/// variables, <c>--Node:X=</c> or the go-livepeer-style switches of the silo host).
/// </summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>The embedded default runs both roles; <c>--gateway</c> or <c>--orchestrator</c> alone runs one.</summary>
    public bool RunsGateway => SiloRoleSet().Contains(SiloRoles.Gateway);

    public bool RunsOrchestrator => SiloRoleSet().Contains(SiloRoles.Orchestrator);

    /// <summary>
    /// This silo's roles: <see cref="Roles"/> when set; else go-livepeer's switches (<c>--gateway</c> alone: the gateway;
    /// <c>--orchestrator</c> alone: the orchestrator and its workers); else every role.
    /// </summary>
    public IReadOnlySet<string> SiloRoleSet() =>
        !string.IsNullOrWhiteSpace(Roles) ? SiloRoles.Parse(Roles)
        : Gateway && !Orchestrator ? new HashSet<string> { SiloRoles.Gateway }
        : Orchestrator && !Gateway ? new HashSet<string> { SiloRoles.Orchestrator, SiloRoles.GpuWorker, SiloRoles.CpuWorker }
        : SiloRoles.Parse("");

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

    /// <summary>
    /// The segment containers this orchestrator sells (<c>mpegts</c>, <c>mp4</c>; default both), advertised as the
    /// MPEGTS and MP4 capabilities: an operator whose renditions go to players or storage that take only one leaves
    /// the other out, and gateways then never send it such jobs (see shared spec: network.md §14).
    /// </summary>
    public string SegmentFormats { get; set; } = "mpegts,mp4";

    /// <summary>Transcode worker slots of the orchestrator: segments transcoded at once.</summary>
    public int TranscodeWorkers { get; set; } = 4;

    /// <summary><c>Auto</c> (default: the faster on this host, measured at start), <c>Frames</c> or <c>Ffmpeg</c>.</summary>
    public Livepeer.Transcoding.TranscodeEngine TranscodeEngine { get; set; } = Livepeer.Transcoding.TranscodeEngine.Auto;

    /// <summary>How the frames engine resamples: <c>Area</c> (default; no aliasing on big ratios) or <c>Bilinear</c>.</summary>
    public Livepeer.Cuda.Scaling.ScaleFilter ScaleFilter { get; set; } = Livepeer.Cuda.Scaling.ScaleFilter.Area;

    /// <summary>Transcode sessions each GPU of this silo runs at once; published in the silo's metadata.</summary>
    public int MaxSessionsPerGpu { get; set; } = 10;

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

    /// <summary>Largest EV the gateway pays in one ticket, in wei (go-livepeer's <c>-maxTicketEV</c>).</summary>
    public string MaxTicketEV { get; set; } = "3000000000000";

    /// <summary>Largest EV the gateway sends in one batch of tickets, in wei (go-livepeer's <c>-maxTotalEV</c>).</summary>
    public string MaxTotalEV { get; set; } = "20000000000000";

    /// <summary>Gas price of the embedded ledger in wei, used for ticket face values.</summary>
    public string EmbeddedGasPrice { get; set; } = "100000000";

    /// <summary>
    /// How long an L1 block of the embedded ledger lasts (12 s, Ethereum's slot time). A development setting, as anvil's
    /// <c>--block-time</c>: a shorter block lets ticket params expire, and winning tickets become redeemable, sooner.
    /// Every node of one embedded ledger needs the same value.
    /// </summary>
    public TimeSpan EmbeddedBlockTime { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>Deposit the embedded ledger gives the node's gateway on first start, in wei.</summary>
    public string EmbeddedDeposit { get; set; } = "1000000000000000000";

    /// <summary>Reserve the embedded ledger gives the node's gateway on first start, in wei.</summary>
    public string EmbeddedReserve { get; set; } = "1000000000000000000";

    /// <summary>
    /// go-livepeer's <c>-network</c>: <c>offchain</c> (or empty) runs the embedded ledger; <c>arbitrum-one-mainnet</c>
    /// uses Arbitrum One's Controller unless <see cref="EthController"/> is set; any other name needs
    /// <see cref="EthUrl"/> and <see cref="EthController"/>.
    /// </summary>
    public string Network { get; set; } = "offchain";

    /// <summary>Ethereum JSON-RPC endpoint (go-livepeer's <c>-ethUrl</c>).</summary>
    public string EthUrl { get; set; } = "";

    /// <summary>Address of the protocol's Controller (go-livepeer's <c>-ethController</c>); every contract is resolved through it.</summary>
    public string EthController { get; set; } = "";

    /// <summary>A Web3 Secret Storage keystore file, or a directory holding exactly one (go-livepeer's <c>-ethKeystorePath</c>).</summary>
    public string EthKeystorePath { get; set; } = "";

    /// <summary>The keystore password: a file whose first line is the password, or the password itself (go-livepeer's <c>-ethPassword</c>).</summary>
    public string EthPassword { get; set; } = "";

    /// <summary>Most the node pays per gas in wei, 0 for no cap (go-livepeer's <c>-maxGasPrice</c>); above it transactions are deferred.</summary>
    public string MaxGasPrice { get; set; } = "0";

    /// <summary>Initialize each new round when nobody did, after a random delay (go-livepeer's <c>-initializeRound</c>).</summary>
    public bool InitializeRound { get; set; }

    /// <summary>Upper bound of the random delay before initializing a round (go-livepeer's <c>-initializeRoundMaxDelay</c>).</summary>
    public TimeSpan InitializeRoundMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Call reward once per round while the orchestrator is active (go-livepeer's <c>-reward</c>).</summary>
    public bool Reward { get; set; } = true;

    /// <summary>How often the chain head is polled (go-livepeer's <c>-blockPollingInterval</c>).</summary>
    public TimeSpan BlockPollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Winning tickets redeemed in one <c>batchRedeemWinningTickets</c> transaction at most.</summary>
    public int RedemptionBatchSize { get; set; } = 10;

    /// <summary>Whether the node runs against an Ethereum RPC rather than the embedded ledger.</summary>
    public bool OnChain => !string.IsNullOrEmpty(Network) && !Network.Equals("offchain", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// go-livepeer's <c>-aiModels</c>: the path of an aiModels.json, inline JSON, or <c>pipeline:model_id:warm,…</c>;
    /// empty means the node serves no AI pipeline.
    /// </summary>
    public string AIModels { get; set; } = "";

    /// <summary>Where the built-in runners find their model files, like go-livepeer's <c>-aiModelsDir</c>.</summary>
    public string AIModelsDir { get; set; } = "models";

    /// <summary>How long one runner may take for one AI job before it is tried on another runner.</summary>
    public TimeSpan AIRunnerTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the pipeline grains poll their runners' <c>/health</c>.</summary>
    public TimeSpan AIHealthCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Return AI media inline as <c>data:</c> URIs instead of URLs served by the gateway.</summary>
    public bool AIMediaDataUris { get; set; }

    /// <summary>
    /// <c>embedded</c> (the default: one silo, localhost clustering, state on local disk) or <c>redis</c> (a fleet:
    /// Redis membership, grain state and reminders, with <see cref="Redis"/>).
    /// </summary>
    public string Cluster { get; set; } = ClusterModes.Embedded;

    /// <summary>StackExchange.Redis configuration string of a <c>redis</c> cluster, e.g. <c>redis:6379</c>.</summary>
    public string Redis { get; set; } = "";

    /// <summary>Orleans cluster id: silos with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "livepeer";

    /// <summary>Orleans service id: the key grain state and reminders are stored under; stable across deployments.</summary>
    public string ServiceId { get; set; } = "livepeer";

    /// <summary>The IP address other silos reach this one on (a <c>redis</c> cluster); empty means loopback.</summary>
    public string AdvertisedIPAddress { get; set; } = "";

    /// <summary>Comma-separated roles of this silo (gateway, orchestrator, gpu-worker, cpu-worker); empty means all.</summary>
    public string Roles { get; set; } = "";

    /// <summary>Console log format: <c>simple</c> or <c>json</c> (one JSON object per line, scopes included).</summary>
    public string LogFormat { get; set; } = "simple";

    /// <summary>Run under Kubernetes: pod name, IP and cluster ids from the pod's environment, dead pods evicted.</summary>
    public bool Kubernetes { get; set; }
}

/// <summary>Values of <see cref="NodeOptions.Cluster"/>.</summary>
public static class ClusterModes
{
    public const string Embedded = "embedded";

    public const string Redis = "redis";
}
