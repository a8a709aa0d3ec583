using Livepeer.Cuda.Color;
using Livepeer.Cuda.Frames;

namespace Livepeer.Grains.Tests.Cuda;

/// <summary>One ILGPU CPU accelerator for the class: creating it and compiling the kernel is the slow part.</summary>
public sealed class IlgpuCpuConverterFixture : IDisposable
{
    public IlgpuFrameConverter Converter { get; } = IlgpuFrameConverter.CreateCpu();

    public void Dispose() => Converter.Dispose();
}

/// <summary>The conversion kernel on ILGPU's CPU accelerator against the CPU path, and both against the colour maths.</summary>
public sealed class ColorConversionTests(IlgpuCpuConverterFixture fixture) : IClassFixture<IlgpuCpuConverterFixture>
{
    public static TheoryData<PixelFormat, PixelFormat, int, int, ColorMatrix, ColorRange> Cases()
    {
        var data = new TheoryData<PixelFormat, PixelFormat, int, int, ColorMatrix, ColorRange>();
        (PixelFormat, PixelFormat)[] pairs =
            [(PixelFormat.Nv12, PixelFormat.Yuv420P), (PixelFormat.Yuv420P, PixelFormat.Nv12), (PixelFormat.Yuv420P, PixelFormat.Rgb24), (PixelFormat.Rgb24, PixelFormat.Yuv420P)];
        (int, int)[] sizes = [(2, 2), (1, 1), (5, 3), (17, 9)];
        foreach (var (from, to) in pairs)
        {
            foreach (var (w, h) in sizes)
            {
                foreach (var matrix in Enum.GetValues<ColorMatrix>())
                {
                    foreach (var range in Enum.GetValues<ColorRange>())
                        data.Add(from, to, w, h, matrix, range);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kernel_on_the_ilgpu_cpu_accelerator_matches_the_cpu_path_exactly(
        PixelFormat from, PixelFormat to, int width, int height, ColorMatrix matrix, ColorRange range)
    {
        var space = new ColorSpace(matrix, range);
        using var source = Noise(from, width, height, seed: width * 31 + height);
        using var expected = Dirty(to, width, height);
        using var actual = Dirty(to, width, height);

        new CpuFrameConverter().Convert(source, expected, space);
        lock (fixture)
            fixture.Converter.Convert(source, actual, space);

        Assert.True(expected.Bytes.SequenceEqual(actual.Bytes), $"{from}->{to} {width}x{height} {space}: first difference at byte {expected.Bytes.CommonPrefixLength(actual.Bytes)}");
    }

    [Theory]
    [InlineData(1918, 1078)]
    [InlineData(3, 5)]
    public void Nv12_to_yuv420p_and_back_is_lossless_and_keeps_row_padding(int width, int height)
    {
        var converter = new CpuFrameConverter();
        using var nv12 = Noise(PixelFormat.Nv12, width, height, seed: 3);
        using var planar = Dirty(PixelFormat.Yuv420P, width, height);
        using var back = FramePool.Shared.Rent(PixelFormat.Nv12, width, height);
        nv12.Bytes.CopyTo(back.Bytes);

        converter.Convert(nv12, planar, default);
        converter.Convert(planar, back, default);

        Assert.True(nv12.Bytes.SequenceEqual(back.Bytes));
        var layout = planar.Layout;
        Assert.Equal(nv12.Bytes[layout.Plane0.Offset + 1], planar.Bytes[layout.Plane0.Offset + 1]);
        Assert.Equal(0xA5, planar.Bytes[layout.Plane0.Offset + width]);
    }

    [Theory]
    [InlineData(ColorMatrix.Bt601, ColorRange.Limited)]
    [InlineData(ColorMatrix.Bt601, ColorRange.Full)]
    [InlineData(ColorMatrix.Bt709, ColorRange.Limited)]
    [InlineData(ColorMatrix.Bt709, ColorRange.Full)]
    public void Yuv_to_rgb_is_within_one_of_the_floating_point_formula(ColorMatrix matrix, ColorRange range)
    {
        using var yuv = Noise(PixelFormat.Yuv420P, 33, 17, seed: 9);
        using var rgb = Dirty(PixelFormat.Rgb24, 33, 17);
        new CpuFrameConverter().Convert(yuv, rgb, new ColorSpace(matrix, range));

        var (kr, kb) = matrix == ColorMatrix.Bt709 ? (0.2126, 0.0722) : (0.299, 0.114);
        var kg = 1 - kr - kb;
        var full = range == ColorRange.Full;
        var l = yuv.Layout;
        for (var y = 0; y < 17; y++)
        {
            for (var x = 0; x < 33; x++)
            {
                var luma = (yuv.Bytes[l.Plane0.Offset + (y * l.Plane0.Stride) + x] - (full ? 0 : 16)) * (full ? 1 : 255.0 / 219);
                var u = (yuv.Bytes[l.Plane1.Offset + (y / 2 * l.Plane1.Stride) + (x / 2)] - 128) * (full ? 1 : 255.0 / 224);
                var v = (yuv.Bytes[l.Plane2.Offset + (y / 2 * l.Plane2.Stride) + (x / 2)] - 128) * (full ? 1 : 255.0 / 224);
                double[] reference =
                [
                    luma + (2 * (1 - kr) * v),
                    luma - (2 * kb * (1 - kb) / kg * u) - (2 * kr * (1 - kr) / kg * v),
                    luma + (2 * (1 - kb) * u),
                ];
                for (var channel = 0; channel < 3; channel++)
                {
                    var expected = Math.Clamp(Math.Round(reference[channel]), 0, 255);
                    var actual = rgb.Bytes[rgb.Layout.Plane0.Offset + (y * rgb.Layout.Plane0.Stride) + (3 * x) + channel];
                    Assert.True(Math.Abs(expected - actual) <= 1, $"({x},{y}) channel {channel}: {actual}, formula {reference[channel]:0.00}");
                }
            }
        }
    }

    [Theory]
    [InlineData(ColorMatrix.Bt601, ColorRange.Limited, 16, 235)]
    [InlineData(ColorMatrix.Bt709, ColorRange.Limited, 16, 235)]
    [InlineData(ColorMatrix.Bt709, ColorRange.Full, 0, 255)]
    public void Black_and_white_map_to_the_ends_of_the_luma_range_and_grey_round_trips(ColorMatrix matrix, ColorRange range, int black, int white)
    {
        var space = new ColorSpace(matrix, range);
        var converter = new CpuFrameConverter();
        using var rgb = FramePool.Shared.Rent(PixelFormat.Rgb24, 4, 2);
        using var yuv = Dirty(PixelFormat.Yuv420P, 4, 2);
        using var back = Dirty(PixelFormat.Rgb24, 4, 2);
        var row0 = rgb.Row(rgb.Layout.Plane0, 0, 3);
        var row1 = rgb.Row(rgb.Layout.Plane0, 1, 3);
        row0[..6].Fill(0);
        row1[..6].Fill(0);
        row0[6..].Fill(255);
        row1[6..].Fill(255);

        converter.Convert(rgb, yuv, space);
        converter.Convert(yuv, back, space);

        var luma = yuv.Row(yuv.Layout.Plane0, 0);
        Assert.Equal([black, black, white, white], luma.ToArray().Select(b => (int)b));
        Assert.All(yuv.Row(yuv.Layout.Plane1, 0).ToArray(), u => Assert.Equal(128, u));
        Assert.All(yuv.Row(yuv.Layout.Plane2, 0).ToArray(), v => Assert.Equal(128, v));
        Assert.True(row0.SequenceEqual(back.Row(back.Layout.Plane0, 0, 3)));
    }

    [Fact]
    public void Unsupported_pairs_and_size_changes_are_refused()
    {
        var converter = new CpuFrameConverter();
        using var rgb = FramePool.Shared.Rent(PixelFormat.Rgb24, 4, 4);
        using var nv12 = FramePool.Shared.Rent(PixelFormat.Nv12, 4, 4);
        using var small = FramePool.Shared.Rent(PixelFormat.Yuv420P, 2, 2);

        Assert.Throws<NotSupportedException>(() => converter.Convert(rgb, nv12));
        Assert.Throws<ArgumentException>(() => converter.Convert(nv12, small));
    }

    internal static PitchedFrame Noise(PixelFormat format, int width, int height, int seed)
    {
        var frame = FramePool.Shared.Rent(format, width, height);
        new Random(seed).NextBytes(frame.Bytes);
        return frame;
    }

    internal static PitchedFrame Dirty(PixelFormat format, int width, int height)
    {
        var frame = FramePool.Shared.Rent(format, width, height);
        frame.Bytes.Fill(0xA5);
        return frame;
    }
}
