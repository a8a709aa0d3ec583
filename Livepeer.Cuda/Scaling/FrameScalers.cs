using Livepeer.Cuda.Frames;

namespace Livepeer.Cuda.Scaling;

/// <summary>Picks the scaler a node should use.</summary>
public static class FrameScalers
{
    /// <summary>
    /// The CUDA scaler on the first CUDA device when one exists and passes a bit-exact self-check against the
    /// SIMD scaler; otherwise <see cref="SimdFrameScaler"/>. Never throws for a missing or broken GPU: it logs
    /// why and falls back, because a CPU transcode beats a node that will not start.
    /// </summary>
    /// <param name="log">Receives one line on the choice made and, on fallback, the reason.</param>
    public static IFrameScaler CreateBest(Action<string>? log = null)
    {
        IlgpuFrameScaler? cuda = null;
        try
        {
            cuda = IlgpuFrameScaler.TryCreateCuda();
            if (cuda is not null)
            {
                SelfCheck(cuda);
                log?.Invoke($"Frame scaler: {cuda.Name}.");
                return cuda;
            }

            log?.Invoke("Frame scaler: simd-cpu (no CUDA device found).");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            cuda?.Dispose();
            log?.Invoke($"Frame scaler: simd-cpu (the CUDA scaler failed to start: {exception.GetType().Name}: {exception.Message}).");
        }

        return new SimdFrameScaler();
    }

    /// <summary>ILGPU's CPU accelerator running the GPU kernel: only for tests on tiny frames.</summary>
    public static IlgpuFrameScaler CreateIlgpuCpu() => IlgpuFrameScaler.CreateCpu();

    /// <summary>
    /// Runs a small odd-sized ladder through the candidate and the SIMD scaler and demands identical bytes, so a
    /// driver or backend problem (e.g. a new GPU generation ILGPU mis-targets) shows up at startup, not in output.
    /// </summary>
    private static void SelfCheck(IFrameScaler candidate)
    {
        using var source = Yuv420Frame.Rent(67, 37);
        var bytes = source.Bytes;
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((i * 73) ^ (i >> 3));
        }

        using var expectedDown = Yuv420Frame.Rent(33, 19);
        using var expectedUp = Yuv420Frame.Rent(101, 55);
        using var actualDown = Yuv420Frame.Rent(33, 19);
        using var actualUp = Yuv420Frame.Rent(101, 55);
        using (var simd = new SimdFrameScaler(maxDegreeOfParallelism: 1))
        {
            simd.ScaleToAll(source, [expectedDown, expectedUp]);
        }

        candidate.ScaleToAll(source, [actualDown, actualUp]);
        if (!expectedDown.Bytes.SequenceEqual(actualDown.Bytes) || !expectedUp.Bytes.SequenceEqual(actualUp.Bytes))
        {
            throw new InvalidOperationException($"{candidate.Name} produced different bytes from simd-cpu in the startup self-check.");
        }
    }
}
