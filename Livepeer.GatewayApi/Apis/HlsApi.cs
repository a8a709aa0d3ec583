using Livepeer.Broadcast;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Livepeer.GatewayApi.Apis;

/// <summary>HLS playback of transcoded streams: <c>/stream/{manifestID}.m3u8</c> and its renditions (see shared spec: network.md §15.2).</summary>
public static class HlsApi
{
    private const string PlaylistType = "application/vnd.apple.mpegurl";

    public static RouteGroupBuilder MapHlsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/stream");
        group.MapGet("/{playlist}", GetMasterPlaylist);
        group.MapGet("/{manifestId}/{playlist}", GetMediaPlaylist);
        group.MapGet("/{manifestId}/{rendition}/{segmentName}", GetSegment);
        return group;
    }

    private static async Task<IResult> GetMasterPlaylist(string playlist, IGrainFactory grains)
    {
        if (!TryStripExtension(playlist, ".m3u8", out var manifestId) || !ManifestId.IsValid(manifestId))
            return Results.NotFound();
        var text = await grains.GetGrain<IBroadcastSessionGrain>(manifestId).GetMasterPlaylist();
        return text is null ? Results.NotFound() : Results.Text(text, PlaylistType);
    }

    private static async Task<IResult> GetMediaPlaylist(string manifestId, string playlist, IGrainFactory grains)
    {
        if (!ManifestId.IsValid(manifestId) || !TryStripExtension(playlist, ".m3u8", out var rendition))
            return Results.NotFound();
        var text = await grains.GetGrain<IBroadcastSessionGrain>(manifestId).GetMediaPlaylist(rendition);
        return text is null ? Results.NotFound() : Results.Text(text, PlaylistType);
    }

    private static async Task<IResult> GetSegment(string manifestId, string rendition, string segmentName, IGrainFactory grains)
    {
        if (!ManifestId.IsValid(manifestId) || !SegmentName.TryParse(segmentName, out var name, out _))
            return Results.NotFound();
        var data = await grains.GetGrain<IBroadcastSessionGrain>(manifestId).GetSegment(rendition, name.SeqNo);
        return data is null ? Results.NotFound() : Results.Bytes(data, "video/mp2t");
    }

    private static bool TryStripExtension(string value, string extension, out string stem)
    {
        stem = value.EndsWith(extension, StringComparison.Ordinal) ? value[..^extension.Length] : "";
        return stem.Length > 0;
    }
}
