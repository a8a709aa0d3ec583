using System.Globalization;
using System.Threading.Channels;
using FFMpegCore;
using FFMpegCore.Enums;
using FFMpegCore.Exceptions;
using Livepeer.Cuda.Frames;
using Livepeer.Cuda.Scaling;

namespace Livepeer.Transcoding;

/// <summary>
/// The node's transcoding engine: ffmpeg decodes the segment to raw frames, <see cref="IFrameScaler"/> (a CUDA kernel
/// on GPU hosts, SIMD C# elsewhere) scales every frame to every rung in one pass, and one libx264 encoder per rung
/// encodes and muxes it with the source's audio, keeping the source timestamps.
/// </summary>
/// <param name="cudaDecode">Decode with NVDEC (<c>-hwaccel cuda</c>); set on hosts with a CUDA device.</param>
public sealed class FrameTranscoder(IFrameScaler scaler, bool cudaDecode = false) : ISegmentTranscoder
{
    /// <summary>Frames buffered per rung between the scaler and its encoder; bounds memory per session.</summary>
    private const int FramesInFlight = 8;

    public string Name => $"frames/{scaler.Name}";

    public async Task<TranscodedSegment> TranscodeAsync(
        SourceSegment segment, IReadOnlyList<VideoProfile> profiles, CancellationToken cancellationToken)
    {
        if (segment.Data.Length == 0)
            throw TranscodeException.InvalidInput("empty segment");
        if (profiles.Count == 0)
            throw TranscodeException.InvalidInput("no transcoding profiles");

        using var workspace = TranscodeWorkspace.Create();
        var input = workspace.Write("source" + EncoderArguments.FileExtension(segment.Format), segment.Data);

        var rungs = profiles.Select(p => new Rung(p, workspace.PathFor($"{p.Name}{EncoderArguments.FileExtension(segment.Format)}"))).ToList();
        using var stages = new FirstFailure(cancellationToken);
        // The probe and the decoder's process start overlap: each costs about as much as the other.
        var probing = stages.Run(ct => SourceVideo.ProbeAsync(input, ct));
        var decoding = stages.Run(ct => DecodeAsync(input, probing, rungs, ct));
        var encoding = stages.Run(async ct => await EncodeAsync(rungs, await probing, input, segment.Format, ct));
        await stages.WhenAll([probing, decoding, encoding]);
        var source = await probing;

        var frames = await decoding;
        if (frames == 0)
            throw TranscodeException.InvalidInput("segment has no decodable video frames");
        var renditions = rungs.Select(r => RenditionOutputs.Read(r.Profile, r.OutputPath, frames, source.FrameRate)).ToList();
        return RenditionOutputs.Verify(segment, profiles, renditions);
    }

    private async Task<long> DecodeAsync(string input, Task<SourceVideo> probe, IReadOnlyList<Rung> rungs, CancellationToken cancellationToken)
    {
        var sink = new RawFrameSink(probe, async (frame, ct) =>
        {
            var scaled = rungs.Select(r => Yuv420Frame.Rent(r.Profile.Width, r.Profile.Height)).ToList();
            try
            {
                scaler.ScaleToAll(frame, scaled);
            }
            catch
            {
                scaled.ForEach(f => f.Dispose());
                throw;
            }
            for (var i = 0; i < rungs.Count; i++)
                await rungs[i].Frames.Writer.WriteAsync(scaled[i], ct);
        });
        try
        {
            await FFMpegArguments
                .FromFileInput(input, verifyExists: true, o => o.WithCustomArgument(DecoderArguments.Input(cudaDecode)))
                .OutputToPipe(sink, o => o.WithCustomArgument("-map 0:v:0 -an -sn"))
                .WithLogLevel(FFMpegLogLevel.Error)
                .CancellableThrough(cancellationToken)
                .ProcessAsynchronously(throwOnError: true);
        }
        catch (FFMpegException e)
        {
            // The probe's reason is the more precise one (e.g. "no video stream" rather than a failed -map): it wins.
            await probe;
            // ffmpeg cannot decode what the client sent (corrupt payload): the segment's fault, whatever the probe says.
            throw TranscodeException.InvalidInput(FfmpegMessages.Reason(e.Message));
        }
        finally
        {
            foreach (var rung in rungs)
                rung.Frames.Writer.TryComplete();
        }
        return sink.FrameCount;
    }

    /// <summary>
    /// One ffmpeg process encodes every rung, each read from its own raw-frame pipe: an ffmpeg start costs about as
    /// much CPU as encoding a rung of a 2-second segment, so one process per rung would waste a core-second a segment.
    /// </summary>
    private static async Task EncodeAsync(IReadOnlyList<Rung> rungs, SourceVideo source, string input, SegmentFormat format, CancellationToken cancellationToken)
    {
        var offset = source.StartTime.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);
        var audioInput = rungs.Count;
        var audio = source.HasAudio ? $"-map {audioInput}:a:0 -c:a copy" : "-an";
        FFMpegArguments? arguments = null;
        foreach (var rung in rungs)
        {
            var frames = new RawFrameSource(rung.Profile.Width, rung.Profile.Height, source.FrameRate, rung.Frames.Reader);
            // Raw frames carry no timestamps; shifting them to the source's start keeps the source timestamps.
            arguments = arguments is null
                ? FFMpegArguments.FromPipeInput(frames, i => i.WithCustomArgument($"-itsoffset {offset}"))
                : arguments.AddPipeInput(frames, i => i.WithCustomArgument($"-itsoffset {offset}"));
        }
        try
        {
            await arguments!
                .AddFileInput(input)
                .OutputToMany(outputs =>
                {
                    for (var i = 0; i < rungs.Count; i++)
                    {
                        var profile = rungs[i].Profile;
                        outputs.OutputToFile(rungs[i].OutputPath, overwrite: true, o => o.WithCustomArgument(
                            $"-map {i}:v:0 {audio} -copyts {EncoderArguments.Video(profile, source.FrameRate)} {EncoderArguments.Container(format)}"));
                    }
                })
                .WithLogLevel(FFMpegLogLevel.Error)
                .CancellableThrough(cancellationToken)
                .ProcessAsynchronously(throwOnError: true);
        }
        catch (FFMpegException e)
        {
            throw new TranscodeException(TranscodeErrorKind.Internal, $"encoding failed: {FfmpegMessages.Reason(e.Message)}", e);
        }
        finally
        {
            // Frames the encoder never took go back to the pool.
            foreach (var rung in rungs)
            {
                while (rung.Frames.Reader.TryRead(out var left))
                    left.Dispose();
            }
        }
    }

    private sealed class Rung(VideoProfile profile, string outputPath)
    {
        public VideoProfile Profile { get; } = profile;
        public string OutputPath { get; } = outputPath;
        public Channel<Yuv420Frame> Frames { get; } = Channel.CreateBounded<Yuv420Frame>(
            new BoundedChannelOptions(FramesInFlight) { SingleReader = true, SingleWriter = true });
    }
}
