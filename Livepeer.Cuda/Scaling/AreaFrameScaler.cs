using System.Buffers;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Livepeer.Cuda.Frames;

namespace Livepeer.Cuda.Scaling;

/// <summary>
/// The production CPU scaler: area averaging when shrinking, bilinear when enlarging (see <see cref="FilterAxis"/>),
/// every plane of every rendition in one parallel pass over row bands. Each row is a vertical pass (AVX2 where
/// available) into an int row, then a horizontal pass; both exact in integers, so the result equals
/// <see cref="IlgpuAreaFrameScaler"/>'s bit for bit.
/// </summary>
/// <remarks>Thread-safe. Allocation-free in the steady state when run on one core.</remarks>
public sealed class AreaFrameScaler : IFrameScaler
{
    private const int MinSamplesForParallel = 48 * 1024;
    private const int TargetSamplesPerBand = 16 * 1024;

    private readonly ParallelOptions _parallelOptions;
    private readonly bool _useAvx2;
    private AreaPlan? _plan;

    /// <param name="maxDegreeOfParallelism">Cores one call may use; -1 (default) means all.</param>
    public AreaFrameScaler(int maxDegreeOfParallelism = -1)
        : this(maxDegreeOfParallelism, Avx2.IsSupported)
    {
    }

    /// <param name="useAvx2">False runs the scalar vertical pass (tests compare both).</param>
    internal AreaFrameScaler(int maxDegreeOfParallelism, bool useAvx2)
    {
        if (maxDegreeOfParallelism is 0 or < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 for all cores or a positive count.");
        _parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        _useAvx2 = useAvx2 && Avx2.IsSupported;
    }

    public string Name => "area-simd-cpu";

    public void Scale(Yuv420Frame source, Yuv420Frame destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ScaleToAll(source, [destination]);
    }

    public void ScaleToAll(Yuv420Frame source, IReadOnlyList<Yuv420Frame> destinations)
    {
        ScaleArguments.Validate(source, destinations);
        if (destinations.Count == 0)
            return;

        // A stream keeps one ladder, so the last plan almost always fits; a new one replaces it atomically.
        var plan = Volatile.Read(ref _plan);
        if (plan is null || !plan.Matches(source, destinations))
        {
            plan = AreaPlan.Create(source, destinations);
            Volatile.Write(ref _plan, plan);
        }

        var bands = ArrayPool<Band>.Shared.Rent(Math.Max(1, plan.Planes.Length * 64));
        try
        {
            var (count, samples) = PlanBands(plan, source, destinations, ref bands);
            if (samples < MinSamplesForParallel || _parallelOptions.MaxDegreeOfParallelism == 1)
            {
                for (var b = 0; b < count; b++)
                    RunBand(bands[b]);
            }
            else
            {
                var work = bands;
                Parallel.For(0, count, _parallelOptions, b => RunBand(work[b]));
            }
        }
        finally
        {
            ArrayPool<Band>.Shared.Return(bands, clearArray: true);
        }
    }

    public void Dispose()
    {
        // Nothing to release.
    }

    private static (int Count, long Samples) PlanBands(AreaPlan plan, Yuv420Frame source, IReadOnlyList<Yuv420Frame> destinations, ref Band[] bands)
    {
        var count = 0;
        long samples = 0;
        for (var r = 0; r < destinations.Count; r++)
        {
            var destination = destinations[r].Buffer;
            for (var p = 0; p < 3; p++)
            {
                var filter = plan.Planes[(r * 3) + p];
                if (filter.IsCopy)
                {
                    source.Buffer.AsSpan(filter.From.Offset, filter.From.Length).CopyTo(destination.AsSpan(filter.To.Offset, filter.To.Length));
                    continue;
                }

                var rowsPerBand = Math.Max(1, TargetSamplesPerBand / filter.To.Width);
                for (var row = 0; row < filter.To.Height; row += rowsPerBand)
                {
                    if (count == bands.Length)
                    {
                        var larger = ArrayPool<Band>.Shared.Rent(bands.Length * 2);
                        bands.AsSpan().CopyTo(larger);
                        ArrayPool<Band>.Shared.Return(bands, clearArray: true);
                        bands = larger;
                    }

                    bands[count++] = new Band(source.Buffer, destination, filter, row, Math.Min(filter.To.Height, row + rowsPerBand));
                }

                samples += (long)filter.To.Width * filter.To.Height;
            }
        }

        return (count, samples);
    }

    private void RunBand(Band band)
    {
        var scratch = ArrayPool<int>.Shared.Rent(band.Filter.From.Width);
        try
        {
            ScaleRows(band, scratch);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(scratch);
        }
    }

    private unsafe void ScaleRows(Band band, int[] scratch)
    {
        var (from, to, xAxis, yAxis) = (band.Filter.From, band.Filter.To, band.Filter.X, band.Filter.Y);
        fixed (byte* sourceBase = band.Source)
        fixed (byte* destinationBase = band.Destination)
        fixed (int* line = scratch)
        fixed (int* xStart = xAxis.Start)
        fixed (int* xWeights = xAxis.Weights)
        {
            var source = sourceBase + from.Offset;
            for (var y = band.FirstRow; y < band.EndRow; y++)
            {
                var y0 = yAxis.Start[y];
                VerticalPass(source + ((long)y0 * from.Stride), from.Stride, yAxis.Weights.AsSpan(y * yAxis.Taps, yAxis.Taps), line, from.Width);
                var output = destinationBase + to.Offset + ((long)y * to.Stride);
                var taps = xAxis.Taps;
                for (var x = 0; x < to.Width; x++)
                {
                    var first = line + xStart[x];
                    var weights = xWeights + (x * taps);
                    var sum = 0;
                    for (var t = 0; t < taps; t++)
                        sum += weights[t] * first[t];
                    output[x] = (byte)((sum + FilterAxis.RoundingBias) >> FilterAxis.OutputShift);
                }
            }
        }
    }

    /// <summary>line[x] = Σ_t weights[t] · row_t[x] over the filter's source rows.</summary>
    private unsafe void VerticalPass(byte* firstRow, int stride, ReadOnlySpan<int> weights, int* line, int width)
    {
        var x = 0;
        if (_useAvx2)
        {
            for (; x <= width - 8; x += 8)
            {
                var sum = Vector256<int>.Zero;
                for (var t = 0; t < weights.Length; t++)
                    sum += Avx2.ConvertToVector256Int32(firstRow + ((long)t * stride) + x) * Vector256.Create(weights[t]);
                sum.Store(line + x);
            }
        }

        for (; x < width; x++)
        {
            var sum = 0;
            for (var t = 0; t < weights.Length; t++)
                sum += weights[t] * firstRow[((long)t * stride) + x];
            line[x] = sum;
        }
    }

    private readonly record struct Band(byte[] Source, byte[] Destination, PlaneFilter Filter, int FirstRow, int EndRow);
}
