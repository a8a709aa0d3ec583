namespace Livepeer.Cuda.Frames;

/// <summary>
/// One frame with pitched rows (see <see cref="PitchedLayout"/>) in a pooled buffer. Frames come from a
/// <see cref="FramePool"/> and go back to it on <see cref="Dispose"/>, handle and buffer both, so a stream that rents
/// and returns a frame per picture allocates nothing once warm.
/// </summary>
/// <remarks>Not thread-safe for concurrent writes; spans handed out must not be used after <see cref="Dispose"/>.</remarks>
public sealed class PitchedFrame : IDisposable
{
    private readonly FramePool _pool;
    private bool _rented;

    internal PitchedFrame(FramePool pool, PitchedLayout layout, byte[] buffer)
    {
        _pool = pool;
        Layout = layout;
        Buffer = buffer;
    }

    public PitchedLayout Layout { get; }

    public PixelFormat Format => Layout.Format;

    public int Width => Layout.Width;

    public int Height => Layout.Height;

    public bool IsDisposed => !_rented;

    /// <summary>The whole frame including row padding: <see cref="PitchedLayout.ByteSize"/> bytes.</summary>
    /// <exception cref="ObjectDisposedException">The frame went back to its pool.</exception>
    public Span<byte> Bytes
    {
        get
        {
            ObjectDisposedException.ThrowIf(!_rented, this);
            return Buffer.AsSpan(0, Layout.ByteSize);
        }
    }

    /// <summary>The backing array (at least <see cref="PitchedLayout.ByteSize"/> bytes); the pool owns it.</summary>
    internal byte[] Buffer { get; }

    /// <summary>Row <paramref name="y"/> of <paramref name="plane"/>, without its padding.</summary>
    public Span<byte> Row(Plane plane, int y, int bytesPerSample = 1) =>
        Bytes.Slice(plane.Offset + (y * plane.Stride), plane.Width * bytesPerSample);

    /// <summary>Gives the frame back to its pool. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (_rented)
        {
            _rented = false;
            _pool.Return(this);
        }
    }

    internal void MarkRented() => _rented = true;

    public override string ToString() => Layout.ToString();
}
