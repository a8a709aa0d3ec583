using Livepeer.Orchestrator;
using Livepeer.Transcoding;

namespace Livepeer.Broadcast;

public sealed class BroadcastSessionGrain(TranscodingLadder ladder, IOrchestratorDirectory orchestrators)
    : Grain, IBroadcastSessionGrain
{
    private HlsPlaylist _playlist = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _playlist = new HlsPlaylist(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    async Task<TranscodeOutcome> IBroadcastSessionGrain.PushSegment(SourceSegment segment)
    {
        var orchestrator = GrainFactory.GetGrain<IOrchestratorGrain>(orchestrators.Select());
        var outcome = await orchestrator.ProcessSegment(segment, ladder.Profiles);
        if (outcome.Segment is { } transcoded && segment.Format == SegmentFormat.MpegTs)
            _playlist.Add(transcoded, ladder.Profiles);
        return outcome;
    }

    Task<string?> IBroadcastSessionGrain.GetMasterPlaylist() => Task.FromResult(_playlist.IsEmpty ? null : _playlist.Master());

    Task<string?> IBroadcastSessionGrain.GetMediaPlaylist(string rendition) => Task.FromResult(_playlist.Media(rendition));

    Task<byte[]?> IBroadcastSessionGrain.GetSegment(string rendition, long seqNo) => Task.FromResult(_playlist.Segment(rendition, seqNo));
}
