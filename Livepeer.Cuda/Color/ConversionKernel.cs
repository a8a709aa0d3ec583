using ILGPU;

namespace Livepeer.Cuda.Color;

/// <summary>
/// The ILGPU kernel for every <see cref="ConversionKind"/>: one thread per luma pixel, then one per chroma sample
/// (for conversions that write chroma). The arithmetic is <see cref="ColorMath"/>, shared with the CPU path.
/// </summary>
internal static class ConversionKernel
{
    public static void Run(Index1D index, ArrayView<byte> source, ArrayView<byte> destination, ConversionGeometry g, ColorCoefficients c)
    {
        int i = index;
        var luma = g.Width * g.Height;
        if (i < luma)
        {
            var y = i / g.Width;
            var x = i - (y * g.Width);
            Pixel(source, destination, g, c, x, y);
        }
        else
        {
            var j = i - luma;
            var cy = j / g.ChromaWidth;
            var cx = j - (cy * g.ChromaWidth);
            Chroma(source, destination, g, c, cx, cy);
        }
    }

    private static void Pixel(ArrayView<byte> s, ArrayView<byte> d, ConversionGeometry g, ColorCoefficients c, int x, int y)
    {
        if (g.Kind == ConversionKind.Yuv420PToRgb24)
        {
            int luma = s[g.Source0 + (y * g.SourcePitch0) + x];
            int u = s[g.Source1 + ((y >> 1) * g.SourcePitch1) + (x >> 1)];
            int v = s[g.Source2 + ((y >> 1) * g.SourcePitch2) + (x >> 1)];
            var at = g.Destination0 + (y * g.DestinationPitch0) + (3 * x);
            d[at] = (byte)ColorMath.Red(luma, v, c);
            d[at + 1] = (byte)ColorMath.Green(luma, u, v, c);
            d[at + 2] = (byte)ColorMath.Blue(luma, u, c);
        }
        else if (g.Kind == ConversionKind.Rgb24ToYuv420P)
        {
            var at = g.Source0 + (y * g.SourcePitch0) + (3 * x);
            d[g.Destination0 + (y * g.DestinationPitch0) + x] = (byte)ColorMath.Luma(s[at], s[at + 1], s[at + 2], c);
        }
        else
        {
            // Both NV12 and yuv420p carry the same luma plane.
            d[g.Destination0 + (y * g.DestinationPitch0) + x] = s[g.Source0 + (y * g.SourcePitch0) + x];
        }
    }

    private static void Chroma(ArrayView<byte> s, ArrayView<byte> d, ConversionGeometry g, ColorCoefficients c, int cx, int cy)
    {
        if (g.Kind == ConversionKind.Nv12ToYuv420P)
        {
            var at = g.Source1 + (cy * g.SourcePitch1) + (2 * cx);
            d[g.Destination1 + (cy * g.DestinationPitch1) + cx] = s[at];
            d[g.Destination2 + (cy * g.DestinationPitch2) + cx] = s[at + 1];
        }
        else if (g.Kind == ConversionKind.Yuv420PToNv12)
        {
            var at = g.Destination1 + (cy * g.DestinationPitch1) + (2 * cx);
            d[at] = s[g.Source1 + (cy * g.SourcePitch1) + cx];
            d[at + 1] = s[g.Source2 + (cy * g.SourcePitch2) + cx];
        }
        else
        {
            // Rgb24ToYuv420P: average the RGB of the chroma sample's 2×2 block, then convert.
            int r = 0, gr = 0, b = 0, count = 0;
            for (var dy = 0; dy < 2; dy++)
            {
                var y = (2 * cy) + dy;
                for (var dx = 0; dx < 2; dx++)
                {
                    var x = (2 * cx) + dx;
                    if (y < g.Height && x < g.Width)
                    {
                        var at = g.Source0 + (y * g.SourcePitch0) + (3 * x);
                        r += s[at];
                        gr += s[at + 1];
                        b += s[at + 2];
                        count++;
                    }
                }
            }

            d[g.Destination1 + (cy * g.DestinationPitch1) + cx] = (byte)ColorMath.ChromaU(r, gr, b, count, c);
            d[g.Destination2 + (cy * g.DestinationPitch2) + cx] = (byte)ColorMath.ChromaV(r, gr, b, count, c);
        }
    }
}
