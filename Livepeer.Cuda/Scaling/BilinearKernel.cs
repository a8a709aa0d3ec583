using ILGPU;

namespace Livepeer.Cuda.Scaling;

/// <summary>Sizes of one source and one destination frame, passed to the kernel by value.</summary>
internal readonly record struct BilinearKernelSizes(
    int SourceWidth,
    int SourceHeight,
    int SourceChromaWidth,
    int SourceChromaHeight,
    int DestinationWidth,
    int DestinationHeight,
    int DestinationChromaWidth,
    int DestinationChromaHeight);

/// <summary>
/// The ILGPU kernel: one thread per destination byte of a whole yuv420p frame (Y, U and V in one launch).
/// It computes each sample on its own with <see cref="FixedPointBilinear"/>, so it is bit-identical to the SIMD path.
/// No BCL calls and no allocations in here: this compiles to PTX.
/// </summary>
internal static class BilinearKernel
{
    public static void Run(Index1D index, ArrayView<byte> source, ArrayView<byte> destination, BilinearKernelSizes sizes)
    {
        int i = index;
        var destinationLuma = sizes.DestinationWidth * sizes.DestinationHeight;

        int sourceWidth, sourceHeight, destinationWidth, destinationHeight, sourceOffset, sample;
        if (i < destinationLuma)
        {
            sourceWidth = sizes.SourceWidth;
            sourceHeight = sizes.SourceHeight;
            destinationWidth = sizes.DestinationWidth;
            destinationHeight = sizes.DestinationHeight;
            sourceOffset = 0;
            sample = i;
        }
        else
        {
            var destinationChroma = sizes.DestinationChromaWidth * sizes.DestinationChromaHeight;
            var sourceChroma = sizes.SourceChromaWidth * sizes.SourceChromaHeight;
            sourceWidth = sizes.SourceChromaWidth;
            sourceHeight = sizes.SourceChromaHeight;
            destinationWidth = sizes.DestinationChromaWidth;
            destinationHeight = sizes.DestinationChromaHeight;
            sample = i - destinationLuma;
            sourceOffset = sizes.SourceWidth * sizes.SourceHeight;
            if (sample >= destinationChroma)
            {
                // V plane.
                sample -= destinationChroma;
                sourceOffset += sourceChroma;
            }
        }

        var y = sample / destinationWidth;
        var x = sample - (y * destinationWidth);

        var py = FixedPointBilinear.SourcePosition(y, sourceHeight, destinationHeight);
        var px = FixedPointBilinear.SourcePosition(x, sourceWidth, destinationWidth);
        var y0 = py >> FixedPointBilinear.WeightBits;
        var x0 = px >> FixedPointBilinear.WeightBits;
        var y1 = y0 + 1 < sourceHeight ? y0 + 1 : y0;
        var x1 = x0 + 1 < sourceWidth ? x0 + 1 : x0;

        var upper = sourceOffset + (y0 * sourceWidth);
        var lower = sourceOffset + (y1 * sourceWidth);
        destination[i] = (byte)FixedPointBilinear.Blend(
            source[upper + x0],
            source[upper + x1],
            source[lower + x0],
            source[lower + x1],
            px & FixedPointBilinear.FractionMask,
            py & FixedPointBilinear.FractionMask);
    }
}
