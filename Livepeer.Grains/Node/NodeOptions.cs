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
}
