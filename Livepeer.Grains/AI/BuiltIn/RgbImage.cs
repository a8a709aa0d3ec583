using FFMpegCore;
using FFMpegCore.Exceptions;
using FFMpegCore.Pipes;

namespace Livepeer.AI.BuiltIn;

/// <summary>An 8-bit RGB image, row-major and tightly packed, as the built-in models take their input.</summary>
public sealed record RgbImage(int Width, int Height, byte[] Rgb)
{
    /// <summary>Decodes any image ffmpeg reads (PNG, JPEG, WebP, …); null when it is not one.</summary>
    public static async Task<RgbImage?> DecodeAsync(byte[] encoded, CancellationToken cancellationToken)
    {
        if (!ImageSize.TryRead(encoded, out var width, out var height))
            return null;
        using var input = new MemoryStream(encoded);
        using var output = new MemoryStream(width * height * 3);
        try
        {
            await FFMpegArguments
                .FromPipeInput(new StreamPipeSource(input))
                .OutputToPipe(new StreamPipeSink(output), o => o.ForceFormat("rawvideo").WithCustomArgument("-pix_fmt rgb24 -frames:v 1"))
                .CancellableThrough(cancellationToken)
                .ProcessAsynchronously();
        }
        catch (FFMpegException)
        {
            return null;
        }
        var rgb = output.ToArray();
        return rgb.Length == width * height * 3 ? new RgbImage(width, height, rgb) : null;
    }

    public byte this[int x, int y, int channel] => Rgb[((y * Width) + x) * 3 + channel];

    /// <summary>Bilinear resize (pixel centres aligned, as OpenCV's INTER_LINEAR, which PaddleOCR uses).</summary>
    public RgbImage Resize(int width, int height)
    {
        var output = new byte[width * height * 3];
        var sx = (double)Width / width;
        var sy = (double)Height / height;
        for (var y = 0; y < height; y++)
        {
            var fy = Math.Clamp(((y + 0.5) * sy) - 0.5, 0, Height - 1);
            var y0 = (int)fy;
            var y1 = Math.Min(y0 + 1, Height - 1);
            var wy = fy - y0;
            for (var x = 0; x < width; x++)
            {
                var fx = Math.Clamp(((x + 0.5) * sx) - 0.5, 0, Width - 1);
                var x0 = (int)fx;
                var x1 = Math.Min(x0 + 1, Width - 1);
                var wx = fx - x0;
                for (var c = 0; c < 3; c++)
                {
                    var top = (this[x0, y0, c] * (1 - wx)) + (this[x1, y0, c] * wx);
                    var bottom = (this[x0, y1, c] * (1 - wx)) + (this[x1, y1, c] * wx);
                    output[((y * width) + x) * 3 + c] = (byte)Math.Round((top * (1 - wy)) + (bottom * wy));
                }
            }
        }
        return new RgbImage(width, height, output);
    }

    public RgbImage Crop(int left, int top, int width, int height)
    {
        var output = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
            Array.Copy(Rgb, (((top + y) * Width) + left) * 3, output, y * width * 3, width * 3);
        return new RgbImage(width, height, output);
    }

    /// <summary>
    /// NCHW float input in BGR channel order (PaddleOCR's models were trained on OpenCV's BGR images), each value
    /// <c>(v / 255 − mean[c]) / std[c]</c>.
    /// </summary>
    public float[] ToBgrPlanes(ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        var plane = Width * Height;
        var tensor = new float[3 * plane];
        for (var i = 0; i < plane; i++)
        {
            for (var c = 0; c < 3; c++)
                tensor[(c * plane) + i] = ((Rgb[(i * 3) + (2 - c)] / 255f) - mean[c]) / std[c];
        }
        return tensor;
    }
}
