using Livepeer.Cuda.Frames;

namespace Livepeer.Cuda.Scaling;

/// <summary>
/// The filter tables of one ladder (a source size to a list of rendition sizes), for the CPU and GPU area scalers,
/// plus the flattened job and table arrays the kernel reads. Built once per ladder and reused for every frame.
/// </summary>
internal sealed class AreaPlan
{
    private AreaPlan(int sourceWidth, int sourceHeight, (int Width, int Height)[] renditions, PlaneFilter[] planes, int[] jobs, int[] tables)
    {
        SourceWidth = sourceWidth;
        SourceHeight = sourceHeight;
        Renditions = renditions;
        Planes = planes;
        Jobs = jobs;
        Tables = tables;
    }

    public int SourceWidth { get; }

    public int SourceHeight { get; }

    public (int Width, int Height)[] Renditions { get; }

    /// <summary>Three per rendition: Y, U, V.</summary>
    public PlaneFilter[] Planes { get; }

    /// <summary><see cref="AreaJob.Fields"/> ints per plane, destination offsets into the renditions laid end to end.</summary>
    public int[] Jobs { get; }

    public int[] Tables { get; }

    public bool Matches(Yuv420Frame source, IReadOnlyList<Yuv420Frame> destinations)
    {
        if (source.Width != SourceWidth || source.Height != SourceHeight || destinations.Count != Renditions.Length)
            return false;
        for (var i = 0; i < destinations.Count; i++)
        {
            if (destinations[i].Width != Renditions[i].Width || destinations[i].Height != Renditions[i].Height)
                return false;
        }

        return true;
    }

    public static AreaPlan Create(Yuv420Frame source, IReadOnlyList<Yuv420Frame> destinations)
    {
        var from = source.Layout;
        var planes = new PlaneFilter[destinations.Count * 3];
        var jobs = new int[planes.Length * AreaJob.Fields];
        var tables = new List<int>();
        var destinationOffset = 0;
        for (var r = 0; r < destinations.Count; r++)
        {
            var to = destinations[r].Layout;
            for (var p = 0; p < 3; p++)
            {
                var fromPlane = from[p];
                var toPlane = to[p];
                // Chroma of 4:2:0 H.264 sits on the left luma sample horizontally and between rows vertically.
                var xOffset = p == 0 ? 0 : FilterAxis.LeftSitedChromaOffset(fromPlane.Width, toPlane.Width);
                var filter = new PlaneFilter(
                    fromPlane, toPlane, FilterAxis.Create(fromPlane.Width, toPlane.Width, xOffset), FilterAxis.Create(fromPlane.Height, toPlane.Height));
                planes[(r * 3) + p] = filter;

                var job = ((r * 3) + p) * AreaJob.Fields;
                jobs[job + AreaJob.DestinationOffset] = destinationOffset + toPlane.Offset;
                jobs[job + AreaJob.DestinationWidth] = toPlane.Width;
                jobs[job + AreaJob.DestinationHeight] = toPlane.Height;
                jobs[job + AreaJob.SourceOffset] = fromPlane.Offset;
                jobs[job + AreaJob.SourceStride] = fromPlane.Stride;
                jobs[job + AreaJob.XTable] = Append(tables, filter.X);
                jobs[job + AreaJob.XTaps] = filter.X.Taps;
                jobs[job + AreaJob.YTable] = Append(tables, filter.Y);
                jobs[job + AreaJob.YTaps] = filter.Y.Taps;
            }

            destinationOffset += to.ByteSize;
        }

        var sizes = destinations.Select(d => (d.Width, d.Height)).ToArray();
        return new AreaPlan(source.Width, source.Height, sizes, planes, jobs, [.. tables]);
    }

    private static int Append(List<int> tables, FilterAxis axis)
    {
        var at = tables.Count;
        tables.AddRange(axis.Start);
        tables.AddRange(axis.Weights);
        return at;
    }
}

/// <summary>The two axes' taps for one plane of one rendition.</summary>
internal sealed record PlaneFilter(Plane From, Plane To, FilterAxis X, FilterAxis Y)
{
    /// <summary>Same size: the filter is the identity, so a copy gives the same bytes faster.</summary>
    public bool IsCopy => From.Width == To.Width && From.Height == To.Height;
}
