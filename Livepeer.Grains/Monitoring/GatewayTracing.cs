using System.Diagnostics;

namespace Livepeer.Monitoring;

/// <summary>
/// The gateway's per-segment spans on the <c>Livepeer.Gateway</c> activity source, so that a tracer (OpenTelemetry, or
/// <c>bench wire</c>'s listener) sees where a segment's time goes at the gateway: session selection, refresh, tickets,
/// credentials, the orchestrator's <c>POST /segment</c>, rendition downloads, the signature check, and the playlist
/// (the durable HLS window: renditions and session state written before the push is answered).
/// Without a listener <see cref="Start"/> returns null and costs next to nothing.
/// </summary>
public static class GatewayTracing
{
    public const string SourceName = "Livepeer.Gateway";

    public const string Segment = "segment";
    public const string Select = "select";
    public const string Refresh = "refresh";
    public const string Tickets = "tickets";
    public const string Credentials = "credentials";
    public const string Submit = "submit";
    public const string Download = "download";
    public const string Verify = "verify";
    public const string Playlist = "playlist";

    /// <summary>Tags of the <see cref="Segment"/> span, naming the segment it covers.</summary>
    public const string ManifestIdTag = "livepeer.manifest_id";
    public const string SeqNoTag = "livepeer.seq_no";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? Start(string stage) => Source.StartActivity(stage, ActivityKind.Internal);

    public static Activity? StartSegment(string manifestId, long seqNo) =>
        Source.HasListeners()
            ? Source.StartActivity(Segment, ActivityKind.Internal)?.SetTag(ManifestIdTag, manifestId).SetTag(SeqNoTag, seqNo)
            : null;
}
