using Livepeer.Payments;
using Livepeer.Transcoding;
using Orleans.Concurrency;

namespace Livepeer.Broadcast;

/// <summary>
/// The gateway's session for one stream (go-livepeer's broadcast session for a manifest ID): pays an orchestrator for
/// each pushed segment, collects the renditions and serves them as HLS.
/// </summary>
public interface IBroadcastSessionGrain : IGrainWithStringKey
{
    /// <summary>Transcodes one pushed segment through an orchestrator.</summary>
    Task<TranscodeOutcome> PushSegment(SourceSegment segment);

    /// <summary>The master playlist, or null before the first segment.</summary>
    [AlwaysInterleave]
    Task<string?> GetMasterPlaylist();

    /// <summary>A rendition's media playlist, or null if unknown.</summary>
    [AlwaysInterleave]
    Task<string?> GetMediaPlaylist(string rendition);

    /// <summary>A rendition segment still in the HLS window, or null.</summary>
    [AlwaysInterleave]
    Task<byte[]?> GetSegment(string rendition, long seqNo);

    /// <summary>The orchestrators this stream has suspended for failing it (a bad signature, an error, a timeout).</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> GetSuspendedOrchestrators();

    /// <summary>The session's orchestrator, its credit there and the segments its HLS window lists.</summary>
    [AlwaysInterleave]
    Task<BroadcastSessionStatus> GetStatus();
}

/// <param name="Orchestrator">The orchestrator in use, or null before the first segment.</param>
/// <param name="Credit">The gateway's credit at that orchestrator (go-livepeer's session balance).</param>
/// <param name="Window">The sequence numbers the HLS window lists, oldest first.</param>
[GenerateSerializer, Immutable]
public sealed record BroadcastSessionStatus(
    [property: Id(0)] string? Orchestrator,
    [property: Id(1)] BigRational Credit,
    [property: Id(2)] IReadOnlyList<long> Window);
