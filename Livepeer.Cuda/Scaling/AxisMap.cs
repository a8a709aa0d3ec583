namespace Livepeer.Cuda.Scaling;

/// <summary>
/// Precomputed taps for one axis (a source size to a destination size): for every destination index, the first
/// source index and the weight of the second (the first's weight is <see cref="FixedPointBilinear.One"/> minus it).
/// The second tap is <c>Index + 1</c> except at the last source sample, where its weight is 0.
/// </summary>
internal sealed class AxisMap
{
    private AxisMap(int sourceSize, int destinationSize)
    {
        SourceSize = sourceSize;
        DestinationSize = destinationSize;
        // Pinned so the hot loops can take their address without a fixed statement per row.
        Index = GC.AllocateArray<int>(destinationSize, pinned: true);
        Weight = GC.AllocateArray<int>(destinationSize, pinned: true);
        for (var d = 0; d < destinationSize; d++)
        {
            var position = FixedPointBilinear.SourcePosition(d, sourceSize, destinationSize);
            Index[d] = position >> FixedPointBilinear.WeightBits;
            Weight[d] = position & FixedPointBilinear.FractionMask;
        }
    }

    public int SourceSize { get; }

    public int DestinationSize { get; }

    public int[] Index { get; }

    public int[] Weight { get; }

    public static AxisMap Create(int sourceSize, int destinationSize) => new(sourceSize, destinationSize);
}
