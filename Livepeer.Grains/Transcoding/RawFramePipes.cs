using System.Globalization;
using System.Threading.Channels;
using FFMpegCore.Pipes;
using Livepeer.Cuda.Frames;

namespace Livepeer.Transcoding;

/// <summary>
/// Reads raw yuv420p frames from an ffmpeg decoder into pooled frames and hands each to a callback. The frame size
/// comes from the probe, which may still be running when the decoder starts.
/// </summary>
internal sealed class RawFrameSink(Task<SourceVideo> probe, Func<Yuv420Frame, CancellationToken, ValueTask> onFrame) : IPipeSink
{
    public long FrameCount { get; private set; }

    public string GetStreamArguments() => "-f rawvideo -pix_fmt yuv420p";

    public async Task ReadAsync(Stream inputStream, CancellationToken cancellationToken)
    {
        var source = await probe;
        var (width, height) = (source.Width, source.Height);
        var frameSize = Yuv420Frame.ByteSize(width, height);
        while (true)
        {
            var frame = Yuv420Frame.Rent(width, height);
            try
            {
                var read = await inputStream.ReadAtLeastAsync(frame.Memory, frameSize, throwOnEndOfStream: false, cancellationToken);
                if (read == 0)
                    return;
                if (read < frameSize)
                    throw new TranscodeException(TranscodeErrorKind.Internal, $"decoder produced a partial frame ({read} of {frameSize} bytes)");
                FrameCount++;
                await onFrame(frame, cancellationToken);
            }
            finally
            {
                frame.Dispose();
            }
        }
    }
}

/// <summary>Feeds pooled raw frames from a channel to an ffmpeg encoder, returning each frame to its pool once written.</summary>
internal sealed class RawFrameSource(int width, int height, double frameRate, ChannelReader<Yuv420Frame> frames) : IPipeSource
{
    public string GetStreamArguments() =>
        string.Create(CultureInfo.InvariantCulture, $"-f rawvideo -pix_fmt yuv420p -s {width}x{height} -framerate {frameRate}");

    public async Task WriteAsync(Stream outputStream, CancellationToken cancellationToken)
    {
        await foreach (var frame in frames.ReadAllAsync(cancellationToken))
        {
            using (frame)
                await outputStream.WriteAsync(frame.Memory, cancellationToken);
        }
    }
}
