using Livepeer.Cuda.Devices;
using Livepeer.Cuda.Frames;
using Livepeer.Cuda.Scaling;

namespace Livepeer.Grains.Tests.Cuda;

public sealed class FrameScalersTests
{
    [Fact]
    public void CreateBest_picks_cuda_when_a_device_exists_and_simd_otherwise()
    {
        var log = new List<string>();

        using var scaler = FrameScalers.CreateBest(ScaleFilter.Area, log.Add);

        if (CudaDevices.IsAvailable)
        {
            Assert.StartsWith("area-cuda:", scaler.Name, StringComparison.Ordinal);
        }
        else
        {
            Assert.IsType<AreaFrameScaler>(scaler);
        }

        Assert.Contains(log, line => line.Contains(scaler.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void CreateBest_with_the_bilinear_filter_picks_the_bilinear_scalers()
    {
        using var scaler = FrameScalers.CreateBest(ScaleFilter.Bilinear);

        Assert.Equal(CudaDevices.IsAvailable ? typeof(IlgpuFrameScaler) : typeof(SimdFrameScaler), scaler.GetType());
    }

    [Fact]
    public void The_gpu_inventory_is_stable_and_lists_only_real_devices()
    {
        var devices = CudaDevices.Describe();

        Assert.Same(devices, CudaDevices.Describe());
        Assert.Equal(devices.Count > 0, CudaDevices.IsAvailable);
        Assert.All(devices, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Name));
            Assert.True(d.MemoryBytes > 0);
        });
    }

    [CudaFact]
    public void Cuda_matches_simd_exactly_on_a_1080p_ladder()
    {
        using var cuda = IlgpuFrameScaler.TryCreateCuda();
        Assert.NotNull(cuda);
        using var simd = new SimdFrameScaler();
        using var source = TestFrames.Noise(1920, 1080, seed: 42);
        (int W, int H)[] ladder = [(1280, 720), (854, 480), (640, 360), (426, 240), (1920, 1080), (2560, 1440)];
        var expected = ladder.Select(r => TestFrames.Dirty(r.W, r.H)).ToArray();
        var actual = ladder.Select(r => TestFrames.Dirty(r.W, r.H)).ToArray();
        try
        {
            simd.ScaleToAll(source, expected);
            cuda.ScaleToAll(source, actual);

            for (var i = 0; i < ladder.Length; i++)
            {
                TestFrames.AssertSameBytes(expected[i], actual[i], $"{cuda.Name} rung {expected[i]}");
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
}
