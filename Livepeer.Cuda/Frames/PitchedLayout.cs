namespace Livepeer.Cuda.Frames;

/// <summary>
/// Byte layout of one frame whose rows are padded to <see cref="PitchAlignment"/> bytes, as CUDA's pitched allocations
/// and NVDEC surfaces lay them out: every plane in one buffer, one after the other.
/// </summary>
public readonly record struct PitchedLayout
{
    /// <summary>Row starts are multiples of this many bytes (a GPU memory transaction; also a whole AVX-512 vector).</summary>
    public const int PitchAlignment = 64;

    /// <exception cref="ArgumentOutOfRangeException">A dimension is not in 1..<see cref="Yuv420Layout.MaxDimension"/>.</exception>
    public PitchedLayout(PixelFormat format, int width, int height)
    {
        // Same limits as the unpadded layout, and the same checks.
        _ = new Yuv420Layout(width, height);
        Format = format;
        Width = width;
        Height = height;
        var chromaWidth = (width + 1) / 2;
        var chromaHeight = (height + 1) / 2;
        switch (format)
        {
            case PixelFormat.Yuv420P:
                Plane0 = Pitched(0, width, height, width);
                Plane1 = Pitched(Plane0.Length, chromaWidth, chromaHeight, chromaWidth);
                Plane2 = Pitched(Plane1.Offset + Plane1.Length, chromaWidth, chromaHeight, chromaWidth);
                PlaneCount = 3;
                break;
            case PixelFormat.Nv12:
                Plane0 = Pitched(0, width, height, width);
                // One row of interleaved U,V pairs: 2 bytes per chroma sample.
                Plane1 = Pitched(Plane0.Length, chromaWidth, chromaHeight, 2 * chromaWidth);
                PlaneCount = 2;
                break;
            case PixelFormat.Rgb24:
                Plane0 = Pitched(0, width, height, 3 * width);
                PlaneCount = 1;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format.");
        }

        var last = PlaneCount == 3 ? Plane2 : PlaneCount == 2 ? Plane1 : Plane0;
        ByteSize = last.Offset + last.Length;
    }

    public PixelFormat Format { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Y (or the packed RGB plane).</summary>
    public Plane Plane0 { get; }

    /// <summary>U (yuv420p) or interleaved UV (nv12); empty for rgb24.</summary>
    public Plane Plane1 { get; }

    /// <summary>V (yuv420p); empty otherwise.</summary>
    public Plane Plane2 { get; }

    public int PlaneCount { get; }

    public int ByteSize { get; }

    public override string ToString() => $"{Width}x{Height} {Format} pitched ({ByteSize} bytes)";

    /// <param name="rowBytes">Bytes of pixel data in one row; the pitch rounds it up to the alignment.</param>
    private static Plane Pitched(int offset, int width, int height, int rowBytes)
    {
        var pitch = (rowBytes + PitchAlignment - 1) / PitchAlignment * PitchAlignment;
        return new Plane(offset, width, height, pitch);
    }
}
