using System.Globalization;
using System.Text;
using Livepeer.Transcoding;

namespace Livepeer.Broadcast;

/// <summary>
/// The sliding HLS window of one stream: the last <c>window</c> transcoded segments of every rendition, rendered as
/// go-livepeer's master playlist (<c>/stream/{manifestID}.m3u8</c>) and media playlists
/// (<c>/stream/{manifestID}/{rendition}.m3u8</c>, segments at <c>{rendition}/{seq}.ts</c>; see shared spec: network.md §15.2).
/// </summary>
public sealed class HlsPlaylist(string manifestId, int window = HlsPlaylist.DefaultWindow)
{
    public const int DefaultWindow = 10;

    private readonly SortedDictionary<long, TranscodedSegment> _segments = [];
    private IReadOnlyList<RenditionInfo> _renditions = [];

    /// <summary>Adds a segment (in any order); the oldest fall out of the window.</summary>
    public void Add(TranscodedSegment segment, IReadOnlyList<VideoProfile> profiles)
    {
        _segments[segment.SeqNo] = segment;
        while (_segments.Count > window)
            _segments.Remove(_segments.Keys.First());
        _renditions = profiles.Select(p => new RenditionInfo(p.Name, p.Width, p.Height, p.Bitrate)).ToList();
    }

    public bool IsEmpty => _segments.Count == 0;

    public string Master()
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n");
        foreach (var r in _renditions)
        {
            text.Append(CultureInfo.InvariantCulture, $"#EXT-X-STREAM-INF:PROGRAM-ID=0,BANDWIDTH={r.Bitrate},RESOLUTION={r.Width}x{r.Height}\n");
            text.Append(CultureInfo.InvariantCulture, $"{manifestId}/{r.Name}.m3u8\n");
        }
        return text.ToString();
    }

    /// <summary>The media playlist of one rendition, or null if the stream has no such rendition.</summary>
    public string? Media(string rendition)
    {
        if (!_renditions.Any(r => r.Name == rendition))
            return null;
        var entries = _segments.Values.Where(s => s.Renditions.Any(r => r.ProfileName == rendition)).ToList();
        var target = entries.Count == 0 ? 2 : (int)Math.Ceiling(entries.Max(s => s.Duration.TotalSeconds));
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n");
        text.Append(CultureInfo.InvariantCulture, $"#EXT-X-TARGETDURATION:{target}\n");
        text.Append(CultureInfo.InvariantCulture, $"#EXT-X-MEDIA-SEQUENCE:{(entries.Count == 0 ? 0 : entries[0].SeqNo)}\n");
        foreach (var s in entries)
        {
            text.Append(CultureInfo.InvariantCulture, $"#EXTINF:{s.Duration.TotalSeconds:0.000},\n");
            text.Append(CultureInfo.InvariantCulture, $"{rendition}/{s.SeqNo}.ts\n");
        }
        return text.ToString();
    }

    /// <summary>The bytes of one rendition segment still in the window, or null.</summary>
    public byte[]? Segment(string rendition, long seqNo) =>
        _segments.TryGetValue(seqNo, out var segment)
            ? segment.Renditions.FirstOrDefault(r => r.ProfileName == rendition)?.Data
            : null;

    private sealed record RenditionInfo(string Name, int Width, int Height, int Bitrate);
}
