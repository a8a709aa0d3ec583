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
}
