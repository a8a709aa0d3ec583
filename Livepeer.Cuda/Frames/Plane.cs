namespace Livepeer.Cuda.Frames;

/// <summary>
/// Where one plane of a planar frame lives inside the frame's single buffer.
/// Rows are <see cref="Stride"/> bytes apart; for ffmpeg's rawvideo layout the stride equals the width.
/// </summary>
/// <param name="Offset">Byte offset of the plane's first row from the start of the frame buffer.</param>
/// <param name="Width">Samples per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="Stride">Bytes from the start of one row to the start of the next.</param>
public readonly record struct Plane(int Offset, int Width, int Height, int Stride)
{
    /// <summary>Bytes the plane occupies in the frame buffer.</summary>
    public int Length => Stride * Height;
}
