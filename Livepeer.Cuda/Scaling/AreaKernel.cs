using ILGPU;

namespace Livepeer.Cuda.Scaling;

/// <summary>
/// The fused scale-to-all-rungs kernel: one launch writes every plane of every rendition, one thread per destination
/// sample. <c>jobs</c> holds <see cref="AreaJob.Fields"/> ints per (rendition, plane); <c>tables</c> holds the
/// <see cref="FilterAxis"/> tables the jobs point into. The sum Σ wy·(Σ wx·p) is exact in int32 (at most
/// 255·2^22 + 2^21), so evaluating it per sample here equals the CPU's separable passes bit for bit.
/// </summary>
internal static class AreaKernel
{
    public static void Run(Index1D index, ArrayView<byte> source, ArrayView<byte> destination, ArrayView<int> jobs, ArrayView<int> tables, int jobCount)
    {
        int i = index;
        var j = 0;
        while (j < jobCount - 1 && i >= jobs[((j + 1) * AreaJob.Fields) + AreaJob.DestinationOffset])
            j++;

        var job = j * AreaJob.Fields;
        var width = jobs[job + AreaJob.DestinationWidth];
        var height = jobs[job + AreaJob.DestinationHeight];
        var sample = i - jobs[job + AreaJob.DestinationOffset];
        var y = sample / width;
        var x = sample - (y * width);

        var xTable = jobs[job + AreaJob.XTable];
        var xTaps = jobs[job + AreaJob.XTaps];
        var yTable = jobs[job + AreaJob.YTable];
        var yTaps = jobs[job + AreaJob.YTaps];
        var sourceOffset = jobs[job + AreaJob.SourceOffset];
        var sourceStride = jobs[job + AreaJob.SourceStride];

        var x0 = tables[xTable + x];
        var xWeights = xTable + width + (x * xTaps);
        var y0 = tables[yTable + y];
        var yWeights = yTable + height + (y * yTaps);

        var sum = 0;
        for (var ty = 0; ty < yTaps; ty++)
        {
            var row = sourceOffset + ((y0 + ty) * sourceStride) + x0;
            var line = 0;
            for (var tx = 0; tx < xTaps; tx++)
                line += tables[xWeights + tx] * source[row + tx];
            sum += tables[yWeights + ty] * line;
        }

        destination[i] = (byte)((sum + FilterAxis.RoundingBias) >> FilterAxis.OutputShift);
    }
}

/// <summary>Field indices of one job (a plane of a rendition) in the kernel's job table.</summary>
internal static class AreaJob
{
    public const int DestinationOffset = 0;
    public const int DestinationWidth = 1;
    public const int DestinationHeight = 2;
    public const int SourceOffset = 3;
    public const int SourceStride = 4;
    public const int XTable = 5;
    public const int XTaps = 6;
    public const int YTable = 7;
    public const int YTaps = 8;
    public const int Fields = 9;
}
