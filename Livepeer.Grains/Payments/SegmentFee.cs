using Livepeer.Transcoding;

namespace Livepeer.Payments;

/// <summary>The gateway's fee estimate for a segment (go-livepeer's <c>estimateFee</c>; see shared spec: payments.md §12.2).</summary>
public static class SegmentFee
{
    /// <summary>Frame rate assumed for profiles that pass the source rate through.</summary>
    public const int PassThroughFps = 60;

    /// <summary>Head-room for pixel counts that exceed the estimate (go-livepeer's <c>pixelEstimateMultiplier</c>).</summary>
    public static readonly BigRational PixelEstimateMultiplier = new(102, 100);

    public static BigRational Estimate(IReadOnlyList<VideoProfile> profiles, TimeSpan duration, PriceInfo price)
    {
        var seconds = (long)Math.Ceiling(duration.TotalSeconds);
        long pixels = 0;
        foreach (var p in profiles)
        {
            var fps = p.Fps == 0 ? PassThroughFps : (p.Fps + p.FpsDen - 1) / p.FpsDen;
            pixels += p.FramePixels * fps * seconds;
        }
        return new BigRational(pixels, 1) * PixelEstimateMultiplier * price.PricePerPixel;
    }
}
