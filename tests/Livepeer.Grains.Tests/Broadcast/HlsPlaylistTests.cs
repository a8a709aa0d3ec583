using Livepeer.Broadcast;
using Livepeer.Transcoding;

namespace Livepeer.Grains.Tests.Broadcast;

public sealed class HlsPlaylistTests
{
    private static readonly IReadOnlyList<VideoProfile> Profiles = VideoProfiles.BenchmarkLadder.Take(2).ToList();

    private static TranscodedSegment Segment(long seq, double seconds = 2) => new(seq, TimeSpan.FromSeconds(seconds),
        Profiles.Select(p => new Rendition(p.Name, p.Width, p.Height, 1, [(byte)seq])).ToList());

    [Fact]
    public void Master_playlist_lists_each_rendition_with_bandwidth_and_resolution()
    {
        var playlist = new HlsPlaylist("stream");
        playlist.Add(Segment(0), Profiles);

        Assert.Equal("""
            #EXTM3U
            #EXT-X-VERSION:3
            #EXT-X-STREAM-INF:PROGRAM-ID=0,BANDWIDTH=250000,RESOLUTION=426x240
            stream/240p0.m3u8
            #EXT-X-STREAM-INF:PROGRAM-ID=0,BANDWIDTH=800000,RESOLUTION=640x360
            stream/360p0.m3u8

            """.Replace("\r", ""), playlist.Master());
    }

    [Fact]
    public void Media_playlist_keeps_a_sliding_window_in_sequence_order()
    {
        var playlist = new HlsPlaylist("stream", window: 3);
        var evicted = new List<long>();
        foreach (var seq in new long[] { 1, 0, 3, 2, 4 })
            evicted.AddRange(playlist.Add(Segment(seq, seq == 4 ? 2.5 : 2), Profiles));

        Assert.Equal("""
            #EXTM3U
            #EXT-X-VERSION:3
            #EXT-X-TARGETDURATION:3
            #EXT-X-MEDIA-SEQUENCE:2
            #EXTINF:2.000,
            240p0/2.ts
            #EXTINF:2.000,
            240p0/3.ts
            #EXTINF:2.500,
            240p0/4.ts

            """.Replace("\r", ""), playlist.Media("240p0"));
        Assert.Equal([0, 1], evicted.Order());
        Assert.False(playlist.Contains("240p0", 1));
        Assert.True(playlist.Contains("360p0", 4));
    }

    [Fact]
    public void Unknown_rendition_has_no_playlist()
    {
        var playlist = new HlsPlaylist("stream");
        Assert.True(playlist.IsEmpty);
        playlist.Add(Segment(0), Profiles);

        Assert.Null(playlist.Media("1080p"));
        Assert.False(playlist.Contains("1080p", 0));
    }

    [Fact]
    public void A_segment_older_than_a_full_window_is_evicted_at_once_and_a_retried_one_is_listed_once()
    {
        var playlist = new HlsPlaylist("stream", window: 2);
        playlist.Add(Segment(5), Profiles);
        playlist.Add(Segment(6), Profiles);

        Assert.Equal([1], playlist.Add(Segment(1), Profiles));
        Assert.Empty(playlist.Add(Segment(6), Profiles));
        Assert.Equal([5, 6], playlist.SeqNos);
    }

    [Fact]
    public void The_window_renders_the_same_from_its_durable_state_after_a_serialization_round_trip()
    {
        var playlist = new HlsPlaylist("stream", window: 3);
        foreach (var seq in new long[] { 0, 1, 2, 3 })
            playlist.Add(Segment(seq), Profiles);

        var copy = OrleansSerialization.RoundTrip(playlist.State);
        var restored = new HlsPlaylist("stream", copy, window: 3);

        Assert.Equal(playlist.Master(), restored.Master());
        Assert.Equal(playlist.Media("240p0"), restored.Media("240p0"));
        Assert.Equal([1, 2, 3], restored.SeqNos);
    }
}
