using Livepeer.Cuda.Frames;

namespace Livepeer.Grains.Tests.Cuda;

/// <summary>
/// A deliberately plain bilinear scaler written straight from the definition, one output sample at a time in
/// 64-bit arithmetic, sharing no code with the scalers under test.
/// </summary>
internal static class ReferenceScaler
{
    private const int One = 2048;

    public static void Scale(Yuv420Frame source, Yuv420Frame destination)
    {
        for (var p = 0; p < 3; p++)
        {
            var from = source.Layout[p];
            var to = destination.Layout[p];
            ScalePlane(source.PlaneBytes(from), from.Width, from.Height, destination.PlaneBytes(to), to.Width, to.Height);
        }
    }

    /// <summary>
    /// (dst + 0.5)·src/dst − 0.5 in 1/2048 units, rounded half up, clamped to the plane; split into
    /// (first source index, weight of the second).
    /// </summary>
    public static (int Index, int Weight) Tap(int dst, int sourceSize, int destinationSize)
    {
        var scaled = (((2L * dst) + 1) * sourceSize - destinationSize) * One;
        var position = scaled <= 0 ? 0 : (scaled + destinationSize) / (2L * destinationSize);
        position = Math.Min(position, (sourceSize - 1L) * One);
        return ((int)(position / One), (int)(position % One));
    }

    private static void ScalePlane(ReadOnlySpan<byte> source, int sw, int sh, Span<byte> destination, int dw, int dh)
    {
        for (var y = 0; y < dh; y++)
        {
            var (y0, fy) = Tap(y, sh, dh);
            var y1 = Math.Min(y0 + 1, sh - 1);
            for (var x = 0; x < dw; x++)
            {
                var (x0, fx) = Tap(x, sw, dw);
                var x1 = Math.Min(x0 + 1, sw - 1);
                long sum = (source[(y0 * sw) + x0] * (long)(One - fx) * (One - fy))
                    + (source[(y0 * sw) + x1] * (long)fx * (One - fy))
                    + (source[(y1 * sw) + x0] * (long)(One - fx) * fy)
                    + (source[(y1 * sw) + x1] * (long)fx * fy);
                destination[(y * dw) + x] = checked((byte)((sum + (One * One / 2)) / (One * One)));
            }
        }
    }
}
