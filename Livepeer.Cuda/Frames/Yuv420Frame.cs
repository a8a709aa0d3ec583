using System.Buffers;

namespace Livepeer.Cuda.Frames;

/// <summary>
/// One planar I420 frame in a single contiguous pooled buffer laid out exactly as ffmpeg's
/// <c>-f rawvideo -pix_fmt yuv420p</c>, so a whole frame moves with one call:
/// <c>stream.ReadExactly(frame.Bytes)</c> / <c>stream.Write(frame.Bytes)</c>.
/// </summary>
/// <remarks>
/// The buffer comes from <see cref="ArrayPool{T}.Shared"/> and goes back on <see cref="Dispose"/>; its contents
/// after <see cref="Rent"/> are unspecified (whatever the previous user left). A frame is meant to be rented once
/// per stream and refilled for every picture; renting per picture costs only this small handle object.
/// Spans and memories handed out before <see cref="Dispose"/> must not be used afterwards.
/// A frame is not thread-safe for concurrent writes; concurrent reads are fine.
/// </remarks>
public sealed class Yuv420Frame : IDisposable
{
    private byte[]? _buffer;

    private Yuv420Frame(Yuv420Layout layout, byte[] buffer)
    {
        Layout = layout;
        _buffer = buffer;
    }

    /// <summary>Bytes of one <paramref name="width"/>×<paramref name="height"/> yuv420p frame.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not in 1..<see cref="Yuv420Layout.MaxDimension"/>.</exception>
    public static int ByteSize(int width, int height) => new Yuv420Layout(width, height).ByteSize;

    /// <summary>Rents a frame whose buffer comes from the shared pool. Dispose it to give the buffer back.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not in 1..<see cref="Yuv420Layout.MaxDimension"/>.</exception>
    public static Yuv420Frame Rent(int width, int height)
    {
        var layout = new Yuv420Layout(width, height);
        return new Yuv420Frame(layout, ArrayPool<byte>.Shared.Rent(layout.ByteSize));
    }

    public Yuv420Layout Layout { get; }

    public int Width => Layout.Width;

    public int Height => Layout.Height;

    /// <summary>Bytes of this frame (same as <see cref="ByteSize"/> of its dimensions).</summary>
    public int Length => Layout.ByteSize;

    public Plane Y => Layout.Y;

    public Plane U => Layout.U;

    public Plane V => Layout.V;

    public bool IsDisposed => _buffer is null;

    /// <summary>The whole frame, exactly <see cref="Length"/> bytes: Y, then U, then V.</summary>
    /// <exception cref="ObjectDisposedException">The frame was disposed.</exception>
    public Span<byte> Bytes => Buffer.AsSpan(0, Layout.ByteSize);

    /// <summary>The whole frame as <see cref="Memory{T}"/> for async stream calls.</summary>
    /// <exception cref="ObjectDisposedException">The frame was disposed.</exception>
    public Memory<byte> Memory => Buffer.AsMemory(0, Layout.ByteSize);

    public Span<byte> YBytes => PlaneBytes(Layout.Y);

    public Span<byte> UBytes => PlaneBytes(Layout.U);

    public Span<byte> VBytes => PlaneBytes(Layout.V);

    /// <summary>The backing array (longer than <see cref="Length"/>); for the scalers' pinned, bounds-check-free loops.</summary>
    internal byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(Yuv420Frame));

    /// <summary>The bytes of one plane of this frame.</summary>
    public Span<byte> PlaneBytes(Plane plane) => Bytes.Slice(plane.Offset, plane.Length);

    /// <summary>Returns the buffer to the pool. Safe to call more than once.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override string ToString() => Layout.ToString();
}
