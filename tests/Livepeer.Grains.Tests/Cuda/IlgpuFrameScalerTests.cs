using Livepeer.Cuda.Frames;
using Livepeer.Cuda.Scaling;

namespace Livepeer.Grains.Tests.Cuda;

/// <summary>One ILGPU CPU accelerator for the class: creating it and compiling the kernel is the slow part.</summary>
public sealed class IlgpuCpuScalerFixture : IDisposable
{
    public IlgpuFrameScaler Scaler { get; } = FrameScalers.CreateIlgpuCpu();

    public void Dispose() => Scaler.Dispose();
}

/// <summary>
/// The GPU kernel run on ILGPU's CPU accelerator, on tiny frames only (it is an emulator), compared byte for byte
/// with the SIMD scaler.
/// </summary>
public sealed class IlgpuFrameScalerTests(IlgpuCpuScalerFixture fixture) : IClassFixture<IlgpuCpuScalerFixture>
{
    private readonly object _serial = fixture;

    [Theory]
    [InlineData(2, 2, 1, 1)]
    [InlineData(1, 1, 2, 2)]
    [InlineData(6, 4, 33, 17)]
    [InlineData(33, 17, 6, 4)]
    [InlineData(64, 36, 33, 17)]
    [InlineData(65, 37, 64, 36)]
    [InlineData(33, 17, 33, 17)]
    [InlineData(17, 33, 40, 9)]
    public void Kernel_matches_simd_exactly(int sw, int sh, int dw, int dh)
    {
        using var simd = new SimdFrameScaler();
        using var source = TestFrames.Noise(sw, sh, seed: sw + sh);
        using var expected = TestFrames.Dirty(dw, dh);
        using var actual = TestFrames.Dirty(dw, dh);

        simd.Scale(source, expected);
        lock (_serial)
        {
            fixture.Scaler.Scale(source, actual);
        }

        TestFrames.AssertSameBytes(expected, actual, $"ilgpu-cpu {sw}x{sh}->{dw}x{dh}");
    }

    [Fact]
    public void A_ladder_in_one_call_matches_simd_and_reuses_device_buffers()
    {
        using var simd = new SimdFrameScaler();
        using var source = TestFrames.Noise(64, 36, seed: 5);
        Yuv420Frame[] expected = [TestFrames.Dirty(33, 17), TestFrames.Dirty(16, 9), TestFrames.Dirty(64, 36), TestFrames.Dirty(7, 3)];
        Yuv420Frame[] actual = [TestFrames.Dirty(33, 17), TestFrames.Dirty(16, 9), TestFrames.Dirty(64, 36), TestFrames.Dirty(7, 3)];
        try
        {
            simd.ScaleToAll(source, expected);
            int allocationsAfterFirst;
            lock (_serial)
            {
                fixture.Scaler.ScaleToAll(source, actual);
                allocationsAfterFirst = fixture.Scaler.DeviceAllocations;
                fixture.Scaler.ScaleToAll(source, actual);
                fixture.Scaler.ScaleToAll(source, actual[1..]);
                Assert.Equal(allocationsAfterFirst, fixture.Scaler.DeviceAllocations);
            }

            for (var i = 0; i < expected.Length; i++)
            {
                TestFrames.AssertSameBytes(expected[i], actual[i], $"rung {expected[i]}");
            }
        }
        finally
        {
            foreach (var frame in expected.Concat(actual))
            {
                frame.Dispose();
            }
        }
    }

    [Fact]
    public void Names_itself_and_checks_its_arguments_like_simd()
    {
        using var source = TestFrames.Noise(4, 4);

        Assert.Equal("ilgpu-cpu", fixture.Scaler.Name);
        Assert.Throws<ArgumentException>(() => fixture.Scaler.Scale(source, source));
    }

    [Fact]
    public void A_disposed_scaler_refuses_work()
    {
        var scaler = FrameScalers.CreateIlgpuCpu();
        scaler.Dispose();
        scaler.Dispose();
        using var source = TestFrames.Noise(2, 2);
        using var destination = TestFrames.Dirty(1, 1);

        Assert.Throws<ObjectDisposedException>(() => scaler.Scale(source, destination));
    }
}
