using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Livepeer.Cuda.Frames;
using Livepeer.Cuda.Scaling;

namespace Livepeer.Grains.Tests.Cuda;

public sealed class SimdFrameScalerTests
{
    public static TheoryData<string> Paths() => [.. SupportedPaths()];

    public static TheoryData<string, int, int, int, int> PathsAndSizes()
    {
        (int, int, int, int)[] sizes =
        [
            (2, 2, 1, 1),
            (1, 1, 4, 3),
            (3, 1, 1, 5),
            (6, 4, 33, 17),
            (33, 17, 6, 4),
            (193, 107, 64, 36),
            (64, 36, 193, 107),
            (100, 50, 100, 25),
            (77, 40, 31, 40),
            (1918, 1078, 1280, 720),
        ];
        var data = new TheoryData<string, int, int, int, int>();
        foreach (var path in SupportedPaths())
        {
            foreach (var (sw, sh, dw, dh) in sizes)
            {
                data.Add(path, sw, sh, dw, dh);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PathsAndSizes))]
    public void Matches_the_reference_exactly(string path, int sw, int sh, int dw, int dh)
    {
        using var scaler = Create(path);
        using var source = TestFrames.Noise(sw, sh);
        using var expected = TestFrames.Dirty(dw, dh);
        using var actual = TestFrames.Dirty(dw, dh);

        ReferenceScaler.Scale(source, expected);
        scaler.Scale(source, actual);

        TestFrames.AssertSameBytes(expected, actual, $"{path} {sw}x{sh}->{dw}x{dh}");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_ladder_in_one_call_matches_the_reference_for_every_rung(string path)
    {
        using var scaler = Create(path);
        using var source = TestFrames.Noise(321, 179, seed: 7);
        Yuv420Frame[] rungs = [TestFrames.Dirty(214, 120), TestFrames.Dirty(142, 80), TestFrames.Dirty(107, 60), TestFrames.Dirty(321, 179)];
        try
        {
            scaler.ScaleToAll(source, rungs);

            foreach (var rung in rungs)
            {
                using var expected = TestFrames.Dirty(rung.Width, rung.Height);
                ReferenceScaler.Scale(source, expected);
                TestFrames.AssertSameBytes(expected, rung, $"{path} rung {rung}");
            }
        }
        finally
        {
            foreach (var rung in rungs)
            {
                rung.Dispose();
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(33, 17)]
    [InlineData(640, 360)]
    public void The_same_size_copies_exactly(int width, int height)
    {
        using var scaler = new SimdFrameScaler();
        using var source = TestFrames.Noise(width, height, seed: 3);
        using var destination = TestFrames.Dirty(width, height);

        scaler.Scale(source, destination);

        TestFrames.AssertSameBytes(source, destination, "identity");
    }

    [Fact]
    public void A_flat_frame_stays_flat_at_any_size()
    {
        using var scaler = new SimdFrameScaler();
        using var source = Yuv420Frame.Rent(97, 55);
        source.YBytes.Fill(235);
        source.UBytes.Fill(16);
        source.VBytes.Fill(128);
        using var up = TestFrames.Dirty(301, 203);
        using var down = TestFrames.Dirty(13, 7);

        scaler.ScaleToAll(source, [up, down]);

        foreach (var frame in new[] { up, down })
        {
            Assert.All(frame.YBytes.ToArray(), b => Assert.Equal(235, b));
            Assert.All(frame.UBytes.ToArray(), b => Assert.Equal(16, b));
            Assert.All(frame.VBytes.ToArray(), b => Assert.Equal(128, b));
        }
    }

    [Fact]
    public void One_thread_and_all_threads_give_the_same_bytes()
    {
        using var parallel = new SimdFrameScaler();
        using var serial = new SimdFrameScaler(maxDegreeOfParallelism: 1);
        using var source = TestFrames.Noise(1280, 720, seed: 11);
        using var a = TestFrames.Dirty(854, 480);
        using var b = TestFrames.Dirty(854, 480);

        parallel.Scale(source, a);
        serial.Scale(source, b);

        TestFrames.AssertSameBytes(a, b, "parallel vs serial");
    }

    [Fact]
    public void Scaling_into_the_source_or_a_disposed_frame_is_refused()
    {
        using var scaler = new SimdFrameScaler();
        using var source = TestFrames.Noise(8, 8);
        var disposed = Yuv420Frame.Rent(4, 4);
        disposed.Dispose();

        Assert.Throws<ArgumentException>(() => scaler.Scale(source, source));
        Assert.Throws<ObjectDisposedException>(() => scaler.Scale(source, disposed));
        Assert.Throws<ObjectDisposedException>(() => scaler.Scale(disposed, source));
        Assert.Throws<ArgumentNullException>(() => scaler.ScaleToAll(source, [null!]));
        scaler.ScaleToAll(source, []);
        Assert.Equal("simd-cpu", scaler.Name);
    }

    /// <summary>Every instruction-set path this CPU can run, so the fallbacks are tested too.</summary>
    private static IEnumerable<string> SupportedPaths()
    {
        yield return nameof(SimdFrameScaler.SimdPath.Scalar);
        if (Vector128.IsHardwareAccelerated)
        {
            yield return nameof(SimdFrameScaler.SimdPath.Vector128);
        }

        if (Avx2.IsSupported)
        {
            yield return nameof(SimdFrameScaler.SimdPath.Avx2);
        }
    }

    private static SimdFrameScaler Create(string path) => new(Enum.Parse<SimdFrameScaler.SimdPath>(path));
}
