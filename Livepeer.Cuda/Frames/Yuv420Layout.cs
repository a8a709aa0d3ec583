namespace Livepeer.Cuda.Frames;

/// <summary>
/// Byte layout of one I420 frame exactly as ffmpeg writes and reads <c>-f rawvideo -pix_fmt yuv420p</c>:
/// the Y plane (width×height), then U, then V, each ceil(width/2)×ceil(height/2), with no row padding.
/// </summary>
public readonly record struct Yuv420Layout
{
    /// <summary>The largest width or height accepted (keeps every byte offset comfortably inside <see cref="int"/>).</summary>
    public const int MaxDimension = 8192;

    /// <exception cref="ArgumentOutOfRangeException">A dimension is not in 1..<see cref="MaxDimension"/>.</exception>
    public Yuv420Layout(int width, int height)
    {
        Validate(width, nameof(width));
        Validate(height, nameof(height));

        Width = width;
        Height = height;
        // Odd sizes round the chroma planes up, as ffmpeg's AV_CEIL_RSHIFT does for yuv420p.
        var chromaWidth = (width + 1) / 2;
        var chromaHeight = (height + 1) / 2;
        Y = new Plane(0, width, height, width);
        U = new Plane(Y.Length, chromaWidth, chromaHeight, chromaWidth);
        V = new Plane(U.Offset + U.Length, chromaWidth, chromaHeight, chromaWidth);
        ByteSize = V.Offset + V.Length;
    }

    public int Width { get; }

    public int Height { get; }

    public Plane Y { get; }

    public Plane U { get; }

    public Plane V { get; }

    /// <summary>Total bytes of one frame: exactly what ffmpeg reads or writes per rawvideo frame.</summary>
    public int ByteSize { get; }

    /// <summary>The plane by index: 0 = Y, 1 = U, 2 = V.</summary>
    public Plane this[int plane] => plane switch
    {
        0 => Y,
        1 => U,
        2 => V,
        _ => throw new ArgumentOutOfRangeException(nameof(plane), plane, "An I420 frame has planes 0 (Y), 1 (U) and 2 (V)."),
    };

    public override string ToString() => $"{Width}x{Height} yuv420p ({ByteSize} bytes)";

    private static void Validate(int value, string name)
    {
        if (value is < 1 or > MaxDimension)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Frame dimensions must be between 1 and {MaxDimension}.");
        }
    }
}
