namespace Livepeer.Cuda.Scaling;

/// <summary>
/// Resampling taps for one axis of one plane (a source size to a destination size), as integer weights that sum to
/// exactly <see cref="One"/>: area averaging (a box as wide as the scale factor) when shrinking, so that every source
/// sample counts and fine detail averages out instead of aliasing, and bilinear (a triangle) when enlarging — the same
/// split as ffmpeg's <c>flags=area</c>. Every destination sample has <see cref="Taps"/> consecutive taps from
/// <see cref="Start"/>; unused taps weigh 0.
/// </summary>
/// <remarks>
/// Built once on the CPU in double precision and quantised; the CPU scaler and the GPU kernel then read the same
/// integer tables, which is what makes them bit-identical.
/// </remarks>
internal sealed class FilterAxis
{
    public const int WeightBits = 11;
    public const int One = 1 << WeightBits;

    /// <summary>Rounding bias and shift of a 2-D sum Σ wy·wx·p (weights of both axes multiply to 2^22).</summary>
    public const int OutputShift = 2 * WeightBits;
    public const int RoundingBias = 1 << (OutputShift - 1);

    private FilterAxis(int sourceSize, int destinationSize, int taps, int[] start, int[] weights)
    {
        SourceSize = sourceSize;
        DestinationSize = destinationSize;
        Taps = taps;
        Start = start;
        Weights = weights;
    }

    public int SourceSize { get; }

    public int DestinationSize { get; }

    public int Taps { get; }

    /// <summary>First source index of each destination sample; <c>Start[d] + Taps &lt;= SourceSize</c>.</summary>
    public int[] Start { get; }

    /// <summary><c>Weights[d * Taps + t]</c> is the weight of source sample <c>Start[d] + t</c>.</summary>
    public int[] Weights { get; }

    /// <param name="offset">
    /// Shift of every destination sample's centre, in source samples: 0 for centred samples; chroma sited on the left
    /// luma sample (H.264's default) uses <see cref="LeftSitedChromaOffset"/>.
    /// </param>
    public static FilterAxis Create(int sourceSize, int destinationSize, double offset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(destinationSize, 1);
        var scale = (double)sourceSize / destinationSize;
        var spans = new (int Low, double[] Weights)[destinationSize];
        var taps = 1;
        for (var d = 0; d < destinationSize; d++)
        {
            var centre = ((d + 0.5) * scale) - 0.5 + offset;
            spans[d] = scale > 1 ? Box(centre, scale, sourceSize) : Triangle(centre, sourceSize);
            taps = Math.Max(taps, spans[d].Weights.Length);
        }

        var start = new int[destinationSize];
        var weights = new int[destinationSize * taps];
        for (var d = 0; d < destinationSize; d++)
        {
            var (low, raw) = spans[d];
            // Slide the window left at the far edge so every tap is a real sample; the extra taps weigh 0.
            start[d] = Math.Min(low, sourceSize - taps);
            Quantise(raw, weights.AsSpan((d * taps) + (low - start[d]), raw.Length));
        }

        return new FilterAxis(sourceSize, destinationSize, taps, start, weights);
    }

    /// <summary>
    /// Offset of a chroma sample sited on its left luma sample (MPEG-2/H.264 4:2:0) relative to a centred one, in
    /// chroma samples of the source: the destination's left-sited sample lands at <c>(i + ¼)·scale − ¼</c>.
    /// </summary>
    public static double LeftSitedChromaOffset(int sourceSize, int destinationSize) =>
        0.25 * (1 - ((double)sourceSize / destinationSize));

    private static (int Low, double[] Weights) Box(double centre, double width, int size)
    {
        var from = centre - (width / 2);
        var to = centre + (width / 2);
        var low = Math.Clamp((int)Math.Floor(from + 0.5), 0, size - 1);
        var high = Math.Clamp((int)Math.Ceiling(to - 0.5), 0, size - 1);
        var weights = new double[high - low + 1];
        for (var k = (int)Math.Floor(from + 0.5); k <= (int)Math.Ceiling(to - 0.5); k++)
        {
            var overlap = Math.Min(to, k + 0.5) - Math.Max(from, k - 0.5);
            if (overlap > 0)
                weights[Math.Clamp(k, low, high) - low] += overlap;
        }

        return (low, weights);
    }

    private static (int Low, double[] Weights) Triangle(double centre, int size)
    {
        var left = (int)Math.Floor(centre);
        var fraction = centre - left;
        var low = Math.Clamp(left, 0, size - 1);
        var high = Math.Clamp(left + 1, 0, size - 1);
        var weights = new double[high - low + 1];
        weights[0] += 1 - fraction;
        weights[high - low] += fraction;
        return (low, weights);
    }

    /// <summary>Weights scaled to integers summing to exactly <see cref="One"/>; the rounding error goes to the largest.</summary>
    private static void Quantise(double[] raw, Span<int> target)
    {
        var total = raw.Sum();
        var sum = 0;
        var largest = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            target[i] = (int)Math.Round(raw[i] / total * One);
            sum += target[i];
            if (raw[i] > raw[largest])
                largest = i;
        }

        target[largest] += One - sum;
    }
}
