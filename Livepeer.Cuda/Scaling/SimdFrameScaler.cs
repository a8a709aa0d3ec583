using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Livepeer.Cuda.Frames;

namespace Livepeer.Cuda.Scaling;

/// <summary>
/// The production CPU scaler: fixed-point bilinear (see <see cref="FixedPointBilinear"/>), row bands spread over
/// cores with <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>, a SIMD vertical blend of two
/// source rows and a table-driven horizontal blend (AVX2 gathers where available).
/// </summary>
/// <remarks>Thread-safe: one instance can serve several streams at once.</remarks>
public sealed class SimdFrameScaler : IFrameScaler
{
    // Below this many output samples per call, waking other cores costs more than it saves.
    private const int MinSamplesForParallel = 48 * 1024;
    private const int TargetSamplesPerBand = 16 * 1024;
    private const int MaxCachedMaps = 512;

    private readonly ConcurrentDictionary<(int Source, int Destination), AxisMap> _maps = new();
    private readonly ParallelOptions _parallelOptions;

    /// <param name="maxDegreeOfParallelism">Cores one call may use; -1 (default) means all.</param>
    public SimdFrameScaler(int maxDegreeOfParallelism = -1)
        : this(BestPath, maxDegreeOfParallelism)
    {
    }

    internal SimdFrameScaler(SimdPath path, int maxDegreeOfParallelism = -1)
    {
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 for all cores or a positive count.");
        }

        if ((path == SimdPath.Avx2 && !Avx2.IsSupported) || (path == SimdPath.Vector128 && !Vector128.IsHardwareAccelerated))
        {
            throw new PlatformNotSupportedException($"This CPU cannot run the {path} path.");
        }

        Path = path;
        _parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
    }

    /// <summary>Which instruction-set path this instance uses (tests run every path the CPU has).</summary>
    internal enum SimdPath
    {
        Scalar,
        Vector128,
        Avx2,
    }

    internal static SimdPath BestPath =>
        Avx2.IsSupported ? SimdPath.Avx2 : Vector128.IsHardwareAccelerated ? SimdPath.Vector128 : SimdPath.Scalar;

    internal SimdPath Path { get; }

    public string Name => "simd-cpu";

    public void Scale(Yuv420Frame source, Yuv420Frame destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ScaleToAll(source, [destination]);
    }

    public void ScaleToAll(Yuv420Frame source, IReadOnlyList<Yuv420Frame> destinations)
    {
        ScaleArguments.Validate(source, destinations);

        // One job per (rendition, plane); planes of the same size are plain copies and need no job.
        var jobs = ArrayPool<PlaneJob>.Shared.Rent(destinations.Count * 3);
        try
        {
            var (jobCount, bandCount, samples) = Plan(source, destinations, jobs);
            if (jobCount == 0)
            {
                return;
            }

            if (samples < MinSamplesForParallel || _parallelOptions.MaxDegreeOfParallelism == 1)
            {
                for (var band = 0; band < bandCount; band++)
                {
                    RunBand(jobs, jobCount, band);
                }
            }
            else
            {
                Parallel.For(0, bandCount, _parallelOptions, band => RunBand(jobs, jobCount, band));
            }
        }
        finally
        {
            // Cleared so the pool does not keep frame buffers reachable.
            ArrayPool<PlaneJob>.Shared.Return(jobs, clearArray: true);
        }
    }

    public void Dispose()
    {
        // Nothing to release: the maps are managed memory and die with the instance.
    }

    /// <summary>Fills <paramref name="jobs"/> with the planes that need scaling and copies the ones that do not.</summary>
    private (int JobCount, int BandCount, long Samples) Plan(Yuv420Frame source, IReadOnlyList<Yuv420Frame> destinations, PlaneJob[] jobs)
    {
        var jobCount = 0;
        var bandCount = 0;
        long samples = 0;
        var sourceBuffer = source.Buffer;
        foreach (var destination in destinations)
        {
            var destinationBuffer = destination.Buffer;
            for (var p = 0; p < 3; p++)
            {
                var from = source.Layout[p];
                var to = destination.Layout[p];
                if (from.Width == to.Width && from.Height == to.Height)
                {
                    // The fixed-point mapping is the identity here (every weight is 0), so a copy is exact.
                    sourceBuffer.AsSpan(from.Offset, from.Length).CopyTo(destinationBuffer.AsSpan(to.Offset, to.Length));
                    continue;
                }

                var rowsPerBand = Math.Max(1, TargetSamplesPerBand / to.Width);
                var bands = (to.Height + rowsPerBand - 1) / rowsPerBand;
                jobs[jobCount++] = new PlaneJob(
                    sourceBuffer, from, destinationBuffer, to, GetMap(from.Width, to.Width), GetMap(from.Height, to.Height), bandCount, bands, rowsPerBand);
                bandCount += bands;
                samples += (long)to.Width * to.Height;
            }
        }

        return (jobCount, bandCount, samples);
    }

    private AxisMap GetMap(int sourceSize, int destinationSize)
    {
        if (_maps.TryGetValue((sourceSize, destinationSize), out var map))
        {
            return map;
        }

        // A transcoder sees a handful of sizes; this only stops a pathological caller from growing it forever.
        if (_maps.Count >= MaxCachedMaps)
        {
            _maps.Clear();
        }

        return _maps.GetOrAdd((sourceSize, destinationSize), static key => AxisMap.Create(key.Source, key.Destination));
    }

    private void RunBand(PlaneJob[] jobs, int jobCount, int band)
    {
        var j = 0;
        while (j < jobCount - 1 && band >= jobs[j + 1].FirstBand)
        {
            j++;
        }

        ref readonly var job = ref jobs[j];
        var firstRow = (band - job.FirstBand) * job.RowsPerBand;
        var endRow = Math.Min(job.To.Height, firstRow + job.RowsPerBand);

        // One intermediate row of vertical blends, plus a pad entry so the second tap of the last column
        // can always be read as Index + 1 (its weight is 0 there).
        var scratch = ArrayPool<int>.Shared.Rent(job.From.Width + 1);
        try
        {
            ScaleRows(job, firstRow, endRow, scratch);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(scratch);
        }
    }

    private unsafe void ScaleRows(in PlaneJob job, int firstRow, int endRow, int[] scratch)
    {
        var from = job.From;
        var to = job.To;
        fixed (byte* sourceBase = job.Source)
        fixed (byte* destinationBase = job.Destination)
        fixed (int* rows = scratch)
        fixed (int* xIndex = job.X.Index)
        fixed (int* xWeight = job.X.Weight)
        {
            var source = sourceBase + from.Offset;
            var destination = destinationBase + to.Offset;
            var yIndex = job.Y.Index;
            var yWeight = job.Y.Weight;
            for (var y = firstRow; y < endRow; y++)
            {
                var sy = yIndex[y];
                var fy = yWeight[y];
                var upper = source + ((long)sy * from.Stride);
                var lower = sy + 1 < from.Height ? upper + from.Stride : upper;
                var output = destination + ((long)y * to.Stride);

                switch (Path)
                {
                    case SimdPath.Avx2:
                        BlendRowsAvx2(upper, lower, fy, rows, from.Width);
                        rows[from.Width] = rows[from.Width - 1];
                        BlendColumnsAvx2(rows, xIndex, xWeight, output, to.Width);
                        break;
                    case SimdPath.Vector128:
                        BlendRowsVector128(upper, lower, fy, rows, from.Width);
                        rows[from.Width] = rows[from.Width - 1];
                        BlendColumnsScalar(rows, xIndex, xWeight, output, 0, to.Width);
                        break;
                    default:
                        BlendRowsScalar(upper, lower, fy, rows, 0, from.Width);
                        rows[from.Width] = rows[from.Width - 1];
                        BlendColumnsScalar(rows, xIndex, xWeight, output, 0, to.Width);
                        break;
                }
            }
        }
    }

    private static unsafe void BlendRowsScalar(byte* upper, byte* lower, int fy, int* rows, int start, int width)
    {
        for (var x = start; x < width; x++)
        {
            int a = upper[x];
            rows[x] = (a << FixedPointBilinear.WeightBits) + ((lower[x] - a) * fy);
        }
    }

    private static unsafe void BlendRowsAvx2(byte* upper, byte* lower, int fy, int* rows, int width)
    {
        var x = 0;
        if (fy == 0)
        {
            for (; x <= width - 8; x += 8)
            {
                var a = Avx2.ConvertToVector256Int32(upper + x);
                (a << FixedPointBilinear.WeightBits).Store(rows + x);
            }
        }
        else
        {
            var weight = Vector256.Create(fy);
            for (; x <= width - 8; x += 8)
            {
                var a = Avx2.ConvertToVector256Int32(upper + x);
                var b = Avx2.ConvertToVector256Int32(lower + x);
                ((a << FixedPointBilinear.WeightBits) + ((b - a) * weight)).Store(rows + x);
            }
        }

        BlendRowsScalar(upper, lower, fy, rows, x, width);
    }

    private static unsafe void BlendRowsVector128(byte* upper, byte* lower, int fy, int* rows, int width)
    {
        var weight = Vector128.Create(fy);
        var x = 0;
        for (; x <= width - 16; x += 16)
        {
            var (a0, a1) = Widen(Vector128.Load(upper + x));
            var (b0, b1) = Widen(Vector128.Load(lower + x));
            Store(a0.Lower, b0.Lower, rows + x);
            Store(a0.Upper, b0.Upper, rows + x + 4);
            Store(a1.Lower, b1.Lower, rows + x + 8);
            Store(a1.Upper, b1.Upper, rows + x + 12);
        }

        BlendRowsScalar(upper, lower, fy, rows, x, width);

        static ((Vector128<int> Lower, Vector128<int> Upper), (Vector128<int> Lower, Vector128<int> Upper)) Widen(Vector128<byte> v)
        {
            var (lo, hi) = Vector128.Widen(v);
            var (lo0, lo1) = Vector128.Widen(lo);
            var (hi0, hi1) = Vector128.Widen(hi);
            return ((lo0.AsInt32(), lo1.AsInt32()), (hi0.AsInt32(), hi1.AsInt32()));
        }

        void Store(Vector128<int> a, Vector128<int> b, int* target) =>
            ((a << FixedPointBilinear.WeightBits) + ((b - a) * weight)).Store(target);
    }

    private static unsafe void BlendColumnsScalar(int* rows, int* xIndex, int* xWeight, byte* output, int start, int width)
    {
        for (var x = start; x < width; x++)
        {
            var taps = rows + xIndex[x];
            var left = taps[0];
            output[x] = (byte)(((left << FixedPointBilinear.WeightBits) + ((taps[1] - left) * xWeight[x]) + FixedPointBilinear.RoundingBias)
                >> FixedPointBilinear.OutputShift);
        }
    }

    private static unsafe void BlendColumnsAvx2(int* rows, int* xIndex, int* xWeight, byte* output, int width)
    {
        var bias = Vector256.Create(FixedPointBilinear.RoundingBias);
        var x = 0;
        for (; x <= width - 32; x += 32)
        {
            var s0 = Columns8(rows, xIndex + x, xWeight + x, bias);
            var s1 = Columns8(rows, xIndex + x + 8, xWeight + x + 8, bias);
            var s2 = Columns8(rows, xIndex + x + 16, xWeight + x + 16, bias);
            var s3 = Columns8(rows, xIndex + x + 24, xWeight + x + 24, bias);
            // Every lane is already 0..255, so narrowing by truncation is exact.
            var low = Vector256.Narrow(s0, s1).AsUInt16();
            var high = Vector256.Narrow(s2, s3).AsUInt16();
            Vector256.Narrow(low, high).Store(output + x);
        }

        BlendColumnsScalar(rows, xIndex, xWeight, output, x, width);

        static Vector256<int> Columns8(int* rows, int* index, int* weight, Vector256<int> bias)
        {
            var taps = Avx.LoadVector256(index);
            var left = Avx2.GatherVector256(rows, taps, 4);
            var right = Avx2.GatherVector256(rows + 1, taps, 4);
            var sum = (left << FixedPointBilinear.WeightBits) + ((right - left) * Avx.LoadVector256(weight)) + bias;
            return sum >> FixedPointBilinear.OutputShift;
        }
    }

    /// <summary>One plane of one rendition, cut into bands of rows that the workers take one at a time.</summary>
    private readonly record struct PlaneJob(
        byte[] Source, Plane From, byte[] Destination, Plane To, AxisMap X, AxisMap Y, int FirstBand, int BandCount, int RowsPerBand);
}
