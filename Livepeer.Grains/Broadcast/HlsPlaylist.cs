using System.Globalization;
using System.Text;
using Livepeer.Transcoding;

namespace Livepeer.Broadcast;

/// <summary>
/// The sliding HLS window of one stream: the last <c>window</c> transcoded segments of every rendition, rendered as
/// go-livepeer's master playlist (<c>/stream/{manifestID}.m3u8</c>) and media playlists
/// (<c>/stream/{manifestID}/{rendition}.m3u8</c>, segments at <c>{rendition}/{seq}.ts</c>; see shared spec: network.md §15.2).
/// It works on <see cref="HlsWindowState"/>, the durable index; the segments' bytes are kept elsewhere.
/// </summary>
public sealed class HlsPlaylist(string manifestId, HlsWindowState? state = null, int window = HlsPlaylist.DefaultWindow)
{
    public const int DefaultWindow = 10;

    private readonly HlsWindowState _state = state ?? new HlsWindowState();

    public HlsWindowState State => _state;

    /// <summary>Adds a segment (in any order, again after a retry); returns the segments that fell out of the window.</summary>
    public IReadOnlyList<long> Add(TranscodedSegment segment, IReadOnlyList<VideoProfile> profiles)
    {
        var segments = _state.Segments;
        segments.RemoveAll(s => s.SeqNo == segment.SeqNo);
        var entry = new HlsWindowSegment(segment.SeqNo, segment.Duration, [.. segment.Renditions.Select(r => r.ProfileName)]);
        var at = segments.FindIndex(s => s.SeqNo > segment.SeqNo);
        segments.Insert(at < 0 ? segments.Count : at, entry);
        var evicted = segments.Take(Math.Max(0, segments.Count - window)).Select(s => s.SeqNo).ToList();
        segments.RemoveRange(0, evicted.Count);
        _state.Renditions = [.. profiles.Select(p => new HlsRendition(p.Name, p.Width, p.Height, p.Bitrate))];
        return evicted;
    }

    public bool IsEmpty => _state.Segments.Count == 0;

    /// <summary>The listed sequence numbers, oldest first.</summary>
    public IReadOnlyList<long> SeqNos => [.. _state.Segments.Select(s => s.SeqNo)];

    public string Master()
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n");
        foreach (var r in _state.Renditions)
        {
            text.Append(CultureInfo.InvariantCulture, $"#EXT-X-STREAM-INF:PROGRAM-ID=0,BANDWIDTH={r.Bitrate},RESOLUTION={r.Width}x{r.Height}\n");
            text.Append(CultureInfo.InvariantCulture, $"{manifestId}/{r.Name}.m3u8\n");
        }
        return text.ToString();
    }

    /// <summary>The media playlist of one rendition, or null if the stream has no such rendition.</summary>
    public string? Media(string rendition)
    {
        if (!_state.Renditions.Any(r => r.Name == rendition))
            return null;
        var entries = _state.Segments.Where(s => s.Renditions.Contains(rendition)).ToList();
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

    /// <summary>Whether the window lists this rendition of this segment (whose bytes can then be served).</summary>
    public bool Contains(string rendition, long seqNo) =>
        _state.Segments.Any(s => s.SeqNo == seqNo && s.Renditions.Contains(rendition));
}
