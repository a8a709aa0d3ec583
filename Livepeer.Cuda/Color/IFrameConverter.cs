using Livepeer.Cuda.Frames;

namespace Livepeer.Cuda.Color;

/// <summary>
/// Converts a frame between pixel formats of the same size: NV12↔yuv420p (NVDEC's output to the encoder's input) and
/// yuv420p↔rgb24 (for AI pipelines) in BT.601/BT.709, limited or full range. Every implementation uses
/// <see cref="ColorMath"/>, so their outputs are bit-identical.
/// </summary>
public interface IFrameConverter : IDisposable
{
    /// <summary>What runs the work, e.g. <c>cuda:NVIDIA H100 80GB HBM3</c> or <c>cpu</c>.</summary>
    string Name { get; }

    /// <exception cref="NotSupportedException">No kernel converts between the two formats.</exception>
    /// <exception cref="ArgumentException">The frames differ in size, or are the same frame.</exception>
    void Convert(PitchedFrame source, PitchedFrame destination, ColorSpace colorSpace = default);
}
