namespace Livepeer.Cuda.Frames;

/// <summary>The pixel layouts the kernels read and write, in ffmpeg's names.</summary>
public enum PixelFormat
{
    /// <summary>Planar Y, U, V; chroma halved in both axes (ffmpeg <c>yuv420p</c>).</summary>
    Yuv420P,

    /// <summary>Planar Y then one interleaved U/V plane; chroma halved in both axes (NVDEC's output, ffmpeg <c>nv12</c>).</summary>
    Nv12,

    /// <summary>One packed plane of R, G, B bytes (ffmpeg <c>rgb24</c>).</summary>
    Rgb24,
}
