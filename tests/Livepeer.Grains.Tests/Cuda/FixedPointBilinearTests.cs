using Livepeer.Cuda.Scaling;

namespace Livepeer.Grains.Tests.Cuda;

public sealed class FixedPointBilinearTests
{
    private static readonly int[] Sizes = [1, 2, 3, 7, 240, 359, 360, 480, 1079, 1080, 1920, 4095, 8191, 8192];

    [Fact]
    public void Source_positions_are_ffmpegs_centre_aligned_mapping_to_within_half_a_weight_step()
    {
        foreach (var source in Sizes)
        {
            foreach (var destination in Sizes)
            {
                for (var d = 0; d < destination; d++)
                {
                    var exact = Math.Clamp(((d + 0.5) * source / destination) - 0.5, 0, source - 1);
                    var position = FixedPointBilinear.SourcePosition(d, source, destination);
                    var (index, weight) = ReferenceScaler.Tap(d, source, destination);

                    Assert.Equal((index * FixedPointBilinear.One) + weight, position);
                    var error = Math.Abs((position / (double)FixedPointBilinear.One) - exact);
                    Assert.True(error <= 0.5 / FixedPointBilinear.One, $"{source}->{destination} d={d}: {position} vs {exact}");
                }
            }
        }
    }

    [Fact]
    public void The_largest_blend_fits_in_a_byte()
    {
        Assert.Equal(255, FixedPointBilinear.Blend(255, 255, 255, 255, 1, 2047));
        Assert.Equal(255, FixedPointBilinear.Blend(255, 255, 255, 255, 2047, 2047));
        Assert.Equal(0, FixedPointBilinear.Blend(0, 0, 0, 0, 1024, 1024));
        Assert.Equal(128, FixedPointBilinear.Blend(0, 255, 0, 255, 1024, 0));
    }
}
