using Livepeer.Cuda.Frames;

namespace Livepeer.Grains.Tests.Cuda;

public sealed class Yuv420FrameTests
{
    [Theory]
    [InlineData(1920, 1080, 3_110_400)]
    [InlineData(1280, 720, 1_382_400)]
    [InlineData(854, 480, 614_880)]
    [InlineData(426, 240, 153_360)]
    [InlineData(1, 1, 3)]
    [InlineData(2, 2, 6)]
    [InlineData(3, 3, 9 + 4 + 4)]
    [InlineData(33, 17, (33 * 17) + (2 * 17 * 9))]
    public void ByteSize_matches_ffmpeg_yuv420p(int width, int height, int expected)
    {
        // Expected values are w*h + 2*ceil(w/2)*ceil(h/2), the size ffmpeg's rawvideo muxer writes.
        Assert.Equal(expected, Yuv420Frame.ByteSize(width, height));
    }

    [Fact]
    public void Odd_sizes_round_chroma_planes_up_and_pack_them_without_padding()
    {
        using var frame = Yuv420Frame.Rent(33, 17);

        Assert.Equal(new Plane(0, 33, 17, 33), frame.Y);
        Assert.Equal(new Plane(561, 17, 9, 17), frame.U);
        Assert.Equal(new Plane(561 + 153, 17, 9, 17), frame.V);
        Assert.Equal(frame.V.Offset + frame.V.Length, frame.Length);
        Assert.Equal(frame.Length, frame.Bytes.Length);
        Assert.Equal(frame.Length, frame.Memory.Length);
        Assert.Equal(frame.Y, frame.Layout[0]);
        Assert.Equal(frame.V, frame.Layout[2]);
    }

    [Fact]
    public void Plane_spans_are_views_of_the_one_buffer()
    {
        using var frame = Yuv420Frame.Rent(6, 4);
        frame.Bytes.Clear();

        frame.YBytes.Fill(1);
        frame.UBytes.Fill(2);
        frame.VBytes.Fill(3);

        byte[] expected = [.. Enumerable.Repeat((byte)1, 24), .. Enumerable.Repeat((byte)2, 6), .. Enumerable.Repeat((byte)3, 6)];
        Assert.Equal(expected, frame.Bytes.ToArray());
    }

    [Fact]
    public void A_whole_frame_round_trips_through_a_stream()
    {
        var raw = Enumerable.Range(0, Yuv420Frame.ByteSize(5, 3)).Select(i => (byte)(i * 7)).ToArray();
        using var frame = Yuv420Frame.Rent(5, 3);
        using var input = new MemoryStream(raw);
        using var output = new MemoryStream();

        input.ReadExactly(frame.Bytes);
        output.Write(frame.Bytes);

        Assert.Equal(raw, output.ToArray());
    }

    [Fact]
    public void Dispose_returns_the_buffer_so_the_next_rent_reuses_it()
    {
        var first = Yuv420Frame.Rent(64, 36);
        var buffer = first.Buffer;
        first.Dispose();

        using var second = Yuv420Frame.Rent(64, 36);

        // The shared pool hands a just-returned array back to the same thread first.
        Assert.Same(buffer, second.Buffer);
    }

    [Fact]
    public void A_disposed_frame_refuses_access_and_tolerates_a_second_dispose()
    {
        var frame = Yuv420Frame.Rent(2, 2);
        frame.Dispose();
        frame.Dispose();

        Assert.True(frame.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => frame.Bytes.Length);
        Assert.Throws<ObjectDisposedException>(() => frame.Memory.Length);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    [InlineData(-2, 10)]
    [InlineData(8193, 10)]
    [InlineData(10, 8193)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public void Invalid_dimensions_are_rejected(int width, int height)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Yuv420Frame.Rent(width, height));
        Assert.Throws<ArgumentOutOfRangeException>(() => Yuv420Frame.ByteSize(width, height));
    }

    [Fact]
    public void The_largest_allowed_frame_size_is_accepted()
    {
        Assert.Equal((8192 * 8192) + (2 * 4096 * 4096), Yuv420Frame.ByteSize(8192, 8192));
    }
}
