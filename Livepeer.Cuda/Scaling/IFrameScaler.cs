using Livepeer.Cuda.Frames;

namespace Livepeer.Cuda.Scaling;

/// <summary>
/// Scales yuv420p frames with one <see cref="ScaleFilter"/>. Each plane is scaled on its own, sample centres aligned
/// as ffmpeg's <c>scale</c> filter aligns them: <c>src = (dst + 0.5) * srcSize / dstSize - 0.5</c>, clamped to the plane.
/// The CPU and GPU implementations of a filter share its fixed-point arithmetic (11-bit weights, one rounding per
/// sample), so their outputs are bit-identical and a node's choice of device never changes the pictures it produces.
/// </summary>
public interface IFrameScaler : IDisposable
{
    /// <summary>What runs the work, for logs and metadata, e.g. <c>cuda:NVIDIA H100 80GB HBM3</c> or <c>simd-cpu</c>.</summary>
    string Name { get; }

    /// <summary>Scales <paramref name="source"/> into <paramref name="destination"/> (any size; same size copies exactly).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is <paramref name="source"/>.</exception>
    /// <exception cref="ObjectDisposedException">A frame was disposed.</exception>
    void Scale(Yuv420Frame source, Yuv420Frame destination);

    /// <summary>
    /// Scales one source into every destination (the renditions of a transcoding ladder) in one call, so an
    /// implementation can read or upload the source once for all of them.
    /// </summary>
    /// <exception cref="ArgumentException">A destination is <paramref name="source"/>.</exception>
    /// <exception cref="ObjectDisposedException">A frame was disposed.</exception>
    void ScaleToAll(Yuv420Frame source, IReadOnlyList<Yuv420Frame> destinations);
}
