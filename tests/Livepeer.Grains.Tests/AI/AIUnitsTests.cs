using System.Text;
using Livepeer.AI;

namespace Livepeer.Grains.Tests.AI;

public sealed class AIUnitsTests
{
    [Theory]
    [InlineData("text-to-image", """{"height":64,"width":32,"num_images_per_prompt":3}""", 64 * 32 * 3)]
    [InlineData("text-to-image", "{}", 512 * 512)]
    [InlineData("llm", """{"max_tokens":100}""", 100)]
    [InlineData("llm", "{}", 256)]
    [InlineData("text-to-speech", """{"text":"héllo"}""", 5000)]
    public async Task Json_pipelines_are_priced_as_go_livepeer(string pipeline, string json, long units)
    {
        var (computed, error) = await AIUnits.ComputeAsync(new AIJob(pipeline, "m", Encoding.UTF8.GetBytes(json), [], null, false));
        Assert.Null(error);
        Assert.Equal(units, computed);
    }

    [Fact]
    public async Task Image_pipelines_are_priced_by_the_input_pixels_and_video_by_25_frames()
    {
        var png = Png(40, 30);
        var file = new AIFile("image", "in.png", png);
        Assert.Equal(40 * 30 * 2, (await AIUnits.ComputeAsync(new AIJob("image-to-image", "m", null, [new("num_images_per_prompt", "2")], file, false))).Units);
        Assert.Equal(40 * 30, (await AIUnits.ComputeAsync(new AIJob("image-to-text", "m", null, [], file, false))).Units);
        Assert.Equal(576L * 1024 * 25, (await AIUnits.ComputeAsync(new AIJob("image-to-video", "m", null, [], file, false))).Units);
        var (_, error) = await AIUnits.ComputeAsync(new AIJob("upscale", "m", null, [], new AIFile("image", "x", [1, 2, 3]), false));
        Assert.Equal(400, error!.StatusCode);
    }

    [Fact]
    public void Reads_png_gif_and_jpeg_sizes()
    {
        Assert.True(ImageSize.TryRead(Png(7, 9), out var w, out var h));
        Assert.Equal((7, 9), (w, h));
        byte[] gif = [.. "GIF89a"u8, 5, 0, 6, 0];
        Assert.True(ImageSize.TryRead(gif, out w, out h));
        Assert.Equal((5, 6), (w, h));
        // SOI, an APP0 segment of length 4, then SOF0 with height 0x0102 and width 0x0304.
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 1, 2, 3, 4, 1, 0, 0, 0];
        Assert.True(ImageSize.TryRead(jpeg, out w, out h));
        Assert.Equal((0x0304, 0x0102), (w, h));
    }

    private static byte[] Png(int width, int height)
    {
        var png = new byte[33];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' }.CopyTo(png, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        return png;
    }
}
