using Livepeer.Payments;
using Livepeer.Transcoding;

namespace Livepeer.Grains.Tests.Payments;

/// <summary>
/// B's fee estimate, Σ w × h × ceil(fps / fpsDen) × ceil(seconds) × 1.02 × price (see shared spec: payments.md §12.2).
/// The expected values are worked out by hand in the comments.
/// </summary>
public sealed class SegmentFeeTests
{
    private static readonly TimeSpan TwoSeconds = TimeSpan.FromSeconds(2);

    // Benchmark ladder pixels per frame: 426×240 + 640×360 + 854×480 + 1280×720
    //   = 102,240 + 230,400 + 409,920 + 921,600 = 1,664,160.
    private const long LadderFramePixels = 1_664_160;

    [Fact]
    public void The_benchmark_ladder_passes_fps_through_and_is_billed_at_60_fps()
    {
        Assert.Equal(LadderFramePixels, VideoProfiles.BenchmarkLadder.Sum(p => p.FramePixels));
        Assert.All(VideoProfiles.BenchmarkLadder, p => Assert.Equal(0, p.Fps));

        // 1,664,160 × 60 × 2 = 199,699,200 pixels; × 1.02 = 203,693,184; × 1,200 wei = 244,431,820,800 wei.
        var fee = SegmentFee.Estimate(VideoProfiles.BenchmarkLadder, TwoSeconds, new PriceInfo(1_200, 1));

        Assert.Equal(new BigRational(244_431_820_800, 1), fee);
    }

    [Fact]
    public void A_fractional_price_per_pixel_stays_exact()
    {
        // 203,693,184 × 3/7 = 611,079,552 / 7, not an integer.
        var fee = SegmentFee.Estimate(VideoProfiles.BenchmarkLadder, TwoSeconds, new PriceInfo(3, 7));

        Assert.Equal(new BigRational(611_079_552, 7), fee);
    }

    [Theory]
    [InlineData(2_000, 2)]
    [InlineData(2_001, 3)] // a started second counts as a whole one
    [InlineData(1_500, 2)]
    [InlineData(10_000, 10)]
    public void Duration_is_rounded_up_to_whole_seconds(int milliseconds, long seconds)
    {
        var fee = SegmentFee.Estimate(VideoProfiles.BenchmarkLadder, TimeSpan.FromMilliseconds(milliseconds), new PriceInfo(1, 1));

        // 1,664,160 × 60 × s × 102/100, with a price of 1 wei per pixel.
        Assert.Equal(new BigRational(LadderFramePixels * 60 * seconds * 102, 100), fee);
    }

    [Fact]
    public void A_fixed_fps_profile_uses_its_own_rate()
    {
        // P720p30fps16x9: 921,600 × 30 × 2 = 55,296,000; × 1.02 = 56,401,920; × 1/3 wei = 18,800,640 wei.
        var fee = SegmentFee.Estimate([VideoProfiles.Presets["P720p30fps16x9"]], TwoSeconds, new PriceInfo(1, 3));

        Assert.Equal(new BigRational(18_800_640, 1), fee);
    }

    [Theory]
    [InlineData(30_000, 1_001, 30)] // 29.97 rounds up
    [InlineData(24_000, 1_001, 24)] // 23.976
    [InlineData(25, 2, 13)] // 12.5
    [InlineData(60, 2, 30)] // exact
    public void Fractional_frame_rates_are_rounded_up(int fps, int fpsDen, long billedFps)
    {
        var profile = new VideoProfile("360p", 640, 360, 1_000_000, fps, fpsDen);

        var fee = SegmentFee.Estimate([profile], TwoSeconds, new PriceInfo(1, 1));

        Assert.Equal(new BigRational(230_400 * billedFps * 2 * 102, 100), fee);
    }

    [Fact]
    public void Mixed_ladders_add_each_profile_at_its_own_rate()
    {
        VideoProfile[] ladder = [VideoProfiles.Presets["P240p30fps16x9"], new("source-rate", 1280, 720, 3_000_000)];

        // (102,240 × 30 + 921,600 × 60) × 2 = (3,067,200 + 55,296,000) × 2 = 116,726,400; × 1.02 = 119,060,928.
        var fee = SegmentFee.Estimate(ladder, TwoSeconds, new PriceInfo(1, 1));

        Assert.Equal(new BigRational(119_060_928, 1), fee);
    }

    [Fact]
    public void Free_work_costs_nothing()
    {
        Assert.Equal(BigRational.Zero, SegmentFee.Estimate(VideoProfiles.BenchmarkLadder, TwoSeconds, PriceInfo.Free));
    }

    [Fact]
    public void The_constants_are_go_livepeers()
    {
        Assert.Equal(60, SegmentFee.PassThroughFps);
        Assert.Equal(new BigRational(51, 50), SegmentFee.PixelEstimateMultiplier);
    }
}
