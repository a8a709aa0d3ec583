using Livepeer.Cuda.Frames;

namespace Livepeer.Cuda.Color;

/// <summary>
/// The CPU path of <see cref="IFrameConverter"/>: the kernel's per-sample arithmetic (<see cref="ColorMath"/>) in
/// row loops, rows spread over cores. Allocation-free when <c>maxDegreeOfParallelism</c> is 1 or the frame is small.
/// </summary>
public sealed class CpuFrameConverter : IFrameConverter
{
    // Below this many pixels, waking other cores costs more than it saves.
    private const int MinPixelsForParallel = 64 * 1024;

    private readonly ParallelOptions _parallelOptions;

    /// <param name="maxDegreeOfParallelism">Cores one call may use; -1 (default) means all.</param>
    public CpuFrameConverter(int maxDegreeOfParallelism = -1)
    {
        if (maxDegreeOfParallelism is 0 or < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 for all cores or a positive count.");
        _parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
    }

    public string Name => "cpu";

    public void Convert(PitchedFrame source, PitchedFrame destination, ColorSpace colorSpace = default)
    {
        var g = ConversionGeometry.For(source, destination);
        var c = colorSpace.Coefficients();
        // Luma rows first, then chroma rows (conversions that write chroma).
        var rows = g.Kind == ConversionKind.Yuv420PToRgb24 ? g.Height : g.Height + g.ChromaHeight;
        var s = source.Buffer;
        var d = destination.Buffer;
        if ((long)g.Width * g.Height < MinPixelsForParallel || _parallelOptions.MaxDegreeOfParallelism == 1)
        {
            for (var row = 0; row < rows; row++)
                ConvertRow(s, d, g, c, row);
        }
        else
        {
            ConvertInParallel(s, d, g, c, rows);
        }
    }

    public void Dispose()
    {
        // Nothing to release.
    }

    // Apart from Convert so that the lambda's captured state is allocated only on this path, not on every call.
    private void ConvertInParallel(byte[] s, byte[] d, ConversionGeometry g, ColorCoefficients c, int rows) =>
        Parallel.For(0, rows, _parallelOptions, row => ConvertRow(s, d, g, c, row));

    private static void ConvertRow(byte[] s, byte[] d, ConversionGeometry g, ColorCoefficients c, int row)
    {
        if (row < g.Height)
            LumaRow(s, d, g, c, row);
        else
            ChromaRow(s, d, g, c, row - g.Height);
    }

    private static void LumaRow(byte[] s, byte[] d, ConversionGeometry g, ColorCoefficients c, int y)
    {
        switch (g.Kind)
        {
            case ConversionKind.Yuv420PToRgb24:
            {
                var luma = s.AsSpan(g.Source0 + (y * g.SourcePitch0), g.Width);
                var u = s.AsSpan(g.Source1 + ((y >> 1) * g.SourcePitch1), g.ChromaWidth);
                var v = s.AsSpan(g.Source2 + ((y >> 1) * g.SourcePitch2), g.ChromaWidth);
                var rgb = d.AsSpan(g.Destination0 + (y * g.DestinationPitch0), 3 * g.Width);
                for (var x = 0; x < luma.Length; x++)
                {
                    int l = luma[x], cu = u[x >> 1], cv = v[x >> 1];
                    rgb[3 * x] = (byte)ColorMath.Red(l, cv, c);
                    rgb[(3 * x) + 1] = (byte)ColorMath.Green(l, cu, cv, c);
                    rgb[(3 * x) + 2] = (byte)ColorMath.Blue(l, cu, c);
                }

                break;
            }

            case ConversionKind.Rgb24ToYuv420P:
            {
                var rgb = s.AsSpan(g.Source0 + (y * g.SourcePitch0), 3 * g.Width);
                var luma = d.AsSpan(g.Destination0 + (y * g.DestinationPitch0), g.Width);
                for (var x = 0; x < luma.Length; x++)
                    luma[x] = (byte)ColorMath.Luma(rgb[3 * x], rgb[(3 * x) + 1], rgb[(3 * x) + 2], c);
                break;
            }

            default:
                s.AsSpan(g.Source0 + (y * g.SourcePitch0), g.Width).CopyTo(d.AsSpan(g.Destination0 + (y * g.DestinationPitch0), g.Width));
                break;
        }
    }

    private static void ChromaRow(byte[] s, byte[] d, ConversionGeometry g, ColorCoefficients c, int cy)
    {
        var cw = g.ChromaWidth;
        switch (g.Kind)
        {
            case ConversionKind.Nv12ToYuv420P:
            {
                var uv = s.AsSpan(g.Source1 + (cy * g.SourcePitch1), 2 * cw);
                var u = d.AsSpan(g.Destination1 + (cy * g.DestinationPitch1), cw);
                var v = d.AsSpan(g.Destination2 + (cy * g.DestinationPitch2), cw);
                for (var x = 0; x < cw; x++)
                {
                    u[x] = uv[2 * x];
                    v[x] = uv[(2 * x) + 1];
                }

                break;
            }

            case ConversionKind.Yuv420PToNv12:
            {
                var u = s.AsSpan(g.Source1 + (cy * g.SourcePitch1), cw);
                var v = s.AsSpan(g.Source2 + (cy * g.SourcePitch2), cw);
                var uv = d.AsSpan(g.Destination1 + (cy * g.DestinationPitch1), 2 * cw);
                for (var x = 0; x < cw; x++)
                {
                    uv[2 * x] = u[x];
                    uv[(2 * x) + 1] = v[x];
                }

                break;
            }

            default:
            {
                // Rgb24ToYuv420P: the RGB of each 2×2 block averaged, as the kernel does.
                var top = s.AsSpan(g.Source0 + (2 * cy * g.SourcePitch0), 3 * g.Width);
                var hasBottom = (2 * cy) + 1 < g.Height;
                var bottom = hasBottom ? s.AsSpan(g.Source0 + (((2 * cy) + 1) * g.SourcePitch0), 3 * g.Width) : top;
                var u = d.AsSpan(g.Destination1 + (cy * g.DestinationPitch1), cw);
                var v = d.AsSpan(g.Destination2 + (cy * g.DestinationPitch2), cw);
                for (var cx = 0; cx < cw; cx++)
                {
                    int r = 0, gr = 0, b = 0, count = 0;
                    for (var dx = 0; dx < 2; dx++)
                    {
                        var x = (2 * cx) + dx;
                        if (x >= g.Width)
                            break;
                        r += top[3 * x];
                        gr += top[(3 * x) + 1];
                        b += top[(3 * x) + 2];
                        count++;
                        if (hasBottom)
                        {
                            r += bottom[3 * x];
                            gr += bottom[(3 * x) + 1];
                            b += bottom[(3 * x) + 2];
                            count++;
                        }
                    }

                    u[cx] = (byte)ColorMath.ChromaU(r, gr, b, count, c);
                    v[cx] = (byte)ColorMath.ChromaV(r, gr, b, count, c);
                }

                break;
            }
        }
    }
}
