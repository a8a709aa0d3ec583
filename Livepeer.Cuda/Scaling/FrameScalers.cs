using Livepeer.Cuda.Frames;

namespace Livepeer.Cuda.Scaling;

/// <summary>Picks the scaler a node should use.</summary>
public static class FrameScalers
{
    /// <summary>
    /// CUDA first, explicitly: the kernel scaler on the first CUDA device when one exists and passes a bit-exact
    /// self-check against the CPU scaler of the same filter; otherwise the SIMD CPU scaler. Never throws for a missing
    /// or broken GPU: it logs why and falls back, because a CPU transcode beats a node that will not start.
    /// </summary>
    /// <param name="log">Receives one line on the choice made and, on fallback, the reason.</param>
    public static IFrameScaler CreateBest(ScaleFilter filter = ScaleFilter.Area, Action<string>? log = null)
    {
        IFrameScaler? cuda = null;
        var cpu = CreateCpu(filter);
        try
        {
            cuda = filter == ScaleFilter.Area ? IlgpuAreaFrameScaler.TryCreateCuda() : IlgpuFrameScaler.TryCreateCuda();
            if (cuda is not null)
            {
                SelfCheck(cuda, cpu);
                cpu.Dispose();
                log?.Invoke($"Frame scaler: {cuda.Name}.");
                return cuda;
            }

            log?.Invoke($"Frame scaler: {cpu.Name} (no CUDA device found).");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            cuda?.Dispose();
            log?.Invoke($"Frame scaler: {cpu.Name} (the CUDA scaler failed to start: {exception.GetType().Name}: {exception.Message}).");
        }

        return cpu;
    }

    /// <summary>The SIMD CPU scaler of <paramref name="filter"/>.</summary>
    public static IFrameScaler CreateCpu(ScaleFilter filter) =>
        filter == ScaleFilter.Area ? new AreaFrameScaler() : new SimdFrameScaler();

    /// <summary>ILGPU's CPU accelerator running the GPU kernel: only for tests on tiny frames.</summary>
    public static IlgpuFrameScaler CreateIlgpuCpu() => IlgpuFrameScaler.CreateCpu();

    /// <summary>
    /// Runs a small odd-sized ladder through the candidate and the SIMD scaler and demands identical bytes, so a
    /// driver or backend problem (e.g. a new GPU generation ILGPU mis-targets) shows up at startup, not in output.
    /// </summary>
    private static void SelfCheck(IFrameScaler candidate, IFrameScaler reference)
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
        reference.ScaleToAll(source, [expectedDown, expectedUp]);

        candidate.ScaleToAll(source, [actualDown, actualUp]);
        if (!expectedDown.Bytes.SequenceEqual(actualDown.Bytes) || !expectedUp.Bytes.SequenceEqual(actualUp.Bytes))
        {
            throw new InvalidOperationException($"{candidate.Name} produced different bytes from {reference.Name} in the startup self-check.");
        }
    }
}
