namespace Livepeer.Node;

/// <summary>
/// Settings of one node, bound from the <c>Node</c> configuration section (appsettings.json, <c>Node__X</c> environment
/// variables, <c>--Node:X=</c> or the go-livepeer-style switches of the silo host).
/// </summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>Where the embedded node keeps its keys and durable grain state.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Gateway HTTP API (ingest, HLS, dashboard), like go-livepeer's <c>-httpAddr</c>.</summary>
    public string HttpAddress { get; set; } = "127.0.0.1:9935";

    /// <summary>Orchestrator service endpoint, like go-livepeer's <c>-serviceAddr</c>.</summary>
    public string ServiceAddress { get; set; } = "127.0.0.1:8935";

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
