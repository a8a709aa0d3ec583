using Livepeer.Transcoding;

namespace Livepeer.Grains.Tests.Transcoding;

public sealed class VideoProfilesTests
{
    [Fact]
    public void Benchmark_ladder_is_livepeer_bench_s_four_rungs()
    {
        Assert.Equal(
            [(426, 240, 250_000), (640, 360, 800_000), (854, 480, 1_600_000), (1280, 720, 3_000_000)],
            VideoProfiles.BenchmarkLadder.Select(p => (p.Width, p.Height, p.Bitrate)));
        Assert.All(VideoProfiles.BenchmarkLadder, p =>
        {
            Assert.Equal(0, p.Fps);
            Assert.Equal(EncoderProfile.H264ConstrainedHigh, p.Profile);
            Assert.Equal(1, p.GopSeconds);
        });
    }

    [Fact]
    public void Preset_list_parses_in_order()
    {
        var profiles = VideoProfiles.Parse("P240p30fps16x9, P720p30fps16x9");

        Assert.Equal(["P240p30fps16x9", "P720p30fps16x9"], profiles.Select(p => p.Name));
        Assert.Equal((1280, 720, 4_000_000), (profiles[1].Width, profiles[1].Height, profiles[1].Bitrate));
    }

    [Fact]
    public void Unknown_preset_is_named_in_the_error()
    {
        var error = Assert.Throws<FormatException>(() => VideoProfiles.Parse("P240p30fps16x9,P9000p"));

        Assert.Contains("P9000p", error.Message);
    }

    [Fact]
    public void Json_profiles_parse_like_lpms()
    {
        var profiles = VideoProfiles.Parse("""
            [{"name":"low","width":320,"height":180,"bitrate":"300000","fps":15,"fpsDen":1,"profile":"H264Baseline","gop":"2.5"},
             {"width":640,"height":360,"bitrate":800000,"gop":"intra"}]
            """);

        Assert.Equal(new VideoProfile("low", 320, 180, 300_000, 15, 1, EncoderProfile.H264Baseline, 2.5), profiles[0]);
        Assert.Equal("custom_640x360_800000", profiles[1].Name);
        Assert.Equal(0, profiles[1].GopSeconds);
    }

    [Theory]
    [InlineData("""[{"width":0,"height":360,"bitrate":1}]""", "resolution")]
    [InlineData("""[{"width":9000,"height":360,"bitrate":1}]""", "resolution")]
    [InlineData("""[{"width":640,"height":360,"bitrate":0}]""", "bitrate")]
    [InlineData("""[{"width":640,"height":360,"bitrate":1,"profile":"h265main"}]""", "encoder profile")]
    [InlineData("""[{"width":640,"height":360,"bitrate":1,"gop":"-1"}]""", "gop")]
    [InlineData("""[{"width":640,"height":360,"bitrate":1,"encoder":"VP9"}]""", "encoder")]
    [InlineData("""[]""", "no transcoding profiles")]
    [InlineData("""[{"width":""", "invalid transcoding profiles JSON")]
    public void Bad_json_profile_is_rejected_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<FormatException>(() => VideoProfiles.Parse(json));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Encoder_arguments_follow_the_profile()
    {
        var constrainedHigh = EncoderArguments.Video(VideoProfiles.BenchmarkLadder[0], 30);
        Assert.Contains("-profile:v high -bf 0", constrainedHigh);
        Assert.Contains("-g 30 -keyint_min 30", constrainedHigh);
        Assert.Contains("-b:v 250000", constrainedHigh);
        Assert.DoesNotContain("-r ", constrainedHigh);

        var fixedFps = EncoderArguments.Video(new VideoProfile("x", 640, 360, 1, 25, 1, EncoderProfile.H264Main, 2), 30);
        Assert.Contains("-r 25/1", fixedFps);
        Assert.Contains("-g 50 ", fixedFps);
        Assert.Contains("-profile:v main", fixedFps);
    }
}
