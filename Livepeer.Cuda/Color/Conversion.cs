using Livepeer.Cuda.Frames;

namespace Livepeer.Cuda.Color;

/// <summary>The conversions the kernels implement.</summary>
internal enum ConversionKind
{
    Nv12ToYuv420P,
    Yuv420PToNv12,
    Yuv420PToRgb24,
    Rgb24ToYuv420P,
}

/// <summary>Where the planes of the source and destination frames are, passed to the kernels by value.</summary>
internal readonly record struct ConversionGeometry(
    ConversionKind Kind,
    int Width,
    int Height,
    int ChromaWidth,
    int ChromaHeight,
    int Source0,
    int SourcePitch0,
    int Source1,
    int SourcePitch1,
    int Source2,
    int SourcePitch2,
    int Destination0,
    int DestinationPitch0,
    int Destination1,
    int DestinationPitch1,
    int Destination2,
    int DestinationPitch2)
{
    /// <summary>Work items of one conversion: luma pixels, plus chroma samples for conversions that write chroma.</summary>
    public int Items => Kind == ConversionKind.Yuv420PToRgb24 ? Width * Height : (Width * Height) + (ChromaWidth * ChromaHeight);

    /// <exception cref="NotSupportedException">No kernel converts between these formats.</exception>
    /// <exception cref="ArgumentException">The frames differ in size, or one of them is the other.</exception>
    public static ConversionGeometry For(PitchedFrame source, PitchedFrame destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ObjectDisposedException.ThrowIf(source.IsDisposed, source);
        ObjectDisposedException.ThrowIf(destination.IsDisposed, destination);
        if (ReferenceEquals(source, destination))
            throw new ArgumentException("Converting in place is not supported.", nameof(destination));
        if (source.Width != destination.Width || source.Height != destination.Height)
            throw new ArgumentException($"Conversion keeps the size: {source} to {destination}.", nameof(destination));

        var kind = (source.Format, destination.Format) switch
        {
            (PixelFormat.Nv12, PixelFormat.Yuv420P) => ConversionKind.Nv12ToYuv420P,
            (PixelFormat.Yuv420P, PixelFormat.Nv12) => ConversionKind.Yuv420PToNv12,
            (PixelFormat.Yuv420P, PixelFormat.Rgb24) => ConversionKind.Yuv420PToRgb24,
            (PixelFormat.Rgb24, PixelFormat.Yuv420P) => ConversionKind.Rgb24ToYuv420P,
            _ => throw new NotSupportedException($"No kernel converts {source.Format} to {destination.Format}."),
        };
        var s = source.Layout;
        var d = destination.Layout;
        return new ConversionGeometry(
            kind, s.Width, s.Height, (s.Width + 1) / 2, (s.Height + 1) / 2,
            s.Plane0.Offset, s.Plane0.Stride, s.Plane1.Offset, s.Plane1.Stride, s.Plane2.Offset, s.Plane2.Stride,
            d.Plane0.Offset, d.Plane0.Stride, d.Plane1.Offset, d.Plane1.Stride, d.Plane2.Offset, d.Plane2.Stride);
    }
}
