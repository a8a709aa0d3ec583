using Livepeer.Broadcast;
using Livepeer.Payments;
using Livepeer.Transcoding;

namespace Livepeer.Grains.Tests.Broadcast;

/// <summary>The session state a new activation starts from after its silo is lost: credit and HLS window included.</summary>
public sealed class BroadcastSessionStateTests
{
    [Fact]
    public void Credit_and_the_window_index_survive_grain_storage()
    {
        var profiles = VideoProfiles.BenchmarkLadder.Take(2).ToList();
        var state = new BroadcastSessionState { Orchestrator = "https://127.0.0.1:8935/", Credit = new BigRational(12_345, 7) };
        var playlist = new HlsPlaylist("stream", state.Window);
        playlist.Add(new TranscodedSegment(3, TimeSpan.FromSeconds(2), [.. profiles.Select(p => new Rendition(p.Name, p.Width, p.Height, 1, [1]))]), profiles);

        var stored = OrleansSerialization.RoundTrip(state);

        Assert.Equal(new BigRational(12_345, 7), stored.Credit);
        Assert.Equal(state.Orchestrator, stored.Orchestrator);
        var restored = new HlsPlaylist("stream", stored.Window);
        Assert.Equal([3], restored.SeqNos);
        Assert.Equal(playlist.Media(profiles[1].Name), restored.Media(profiles[1].Name));
    }
}
