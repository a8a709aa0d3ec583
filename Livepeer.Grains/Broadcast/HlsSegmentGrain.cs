using Livepeer.Node;
using Livepeer.Transcoding;

namespace Livepeer.Broadcast;

[GatewayPlacement]
[CollectionAgeLimit(Minutes = 2)] // a window segment is fetched within a few target durations, then only held
public sealed class HlsSegmentGrain([PersistentState("hlsSegment")] IPersistentState<HlsSegmentState> state) : Grain, IHlsSegmentGrain
{
    public static string Key(string manifestId, long seqNo) => $"{manifestId}/{seqNo}";

    Task IHlsSegmentGrain.Store(TranscodedSegment segment)
    {
        state.State.Segment = segment;
        return state.WriteStateAsync();
    }

    Task<byte[]?> IHlsSegmentGrain.GetRendition(string rendition) =>
        Task.FromResult(state.State.Segment?.Renditions.FirstOrDefault(r => r.ProfileName == rendition)?.Data);

    async Task IHlsSegmentGrain.Clear()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}
