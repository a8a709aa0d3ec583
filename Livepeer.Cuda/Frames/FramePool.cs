namespace Livepeer.Cuda.Frames;

/// <summary>
/// Keeps returned <see cref="PitchedFrame"/>s (handle and buffer) per layout and hands them out again, so a decoder
/// loop produces no garbage per frame. Bounded: at most <see cref="MaxFreePerLayout"/> idle frames per layout are
/// kept, the rest are left to the GC.
/// </summary>
/// <remarks>Thread-safe. A rented frame's bytes are whatever its previous user left.</remarks>
public sealed class FramePool
{
    /// <summary>Idle frames kept per layout: the frames in flight of a few streams of one size.</summary>
    public const int MaxFreePerLayout = 32;

    private readonly Dictionary<PitchedLayout, Stack<PitchedFrame>> _free = [];
    private readonly Lock _gate = new();

    /// <summary>One pool for the process, like <see cref="System.Buffers.ArrayPool{T}.Shared"/>.</summary>
    public static FramePool Shared { get; } = new();

    /// <exception cref="ArgumentOutOfRangeException">A dimension is not in 1..<see cref="Yuv420Layout.MaxDimension"/>.</exception>
    public PitchedFrame Rent(PixelFormat format, int width, int height)
    {
        var layout = new PitchedLayout(format, width, height);
        PitchedFrame? frame = null;
        lock (_gate)
        {
            if (_free.TryGetValue(layout, out var stack) && stack.Count > 0)
            {
                frame = stack.Pop();
            }
        }

        // Pinned: the CPU kernels take its address without a fixed statement, and a GPU upload can DMA from it.
        frame ??= new PitchedFrame(this, layout, GC.AllocateUninitializedArray<byte>(layout.ByteSize, pinned: true));
        frame.MarkRented();
        return frame;
    }

    internal void Return(PitchedFrame frame)
    {
        lock (_gate)
        {
            if (!_free.TryGetValue(frame.Layout, out var stack))
            {
                stack = new Stack<PitchedFrame>(MaxFreePerLayout);
                _free[frame.Layout] = stack;
            }

            if (stack.Count < MaxFreePerLayout)
            {
                stack.Push(frame);
            }
        }
    }
}
