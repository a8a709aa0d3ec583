using System.Diagnostics;
using System.Globalization;
using FFMpegCore;
using FFMpegCore.Enums;
using FFMpegCore.Exceptions;

namespace Livepeer.Transcoding;

/// <summary>
/// The second engine: one ffmpeg process decodes the segment once, <c>split</c>s it, scales each branch with
/// <c>scale=W:H:flags=area</c> (the same filter as the frames engine's default) and encodes every rung with the same
/// <see cref="EncoderArguments"/>, keeping the source timestamps and copying its audio. No frame leaves ffmpeg, so on a
/// CPU-only host it saves the raw-frame pipes of <see cref="FrameTranscoder"/>.
/// </summary>
/// <param name="cudaDecode">Decode with NVDEC (<c>-hwaccel cuda</c>); set on hosts with a CUDA device.</param>
public sealed class FilterGraphTranscoder(bool cudaDecode = false) : ISegmentTranscoder
{
    public string Name => cudaDecode ? "ffmpeg/nvdec" : "ffmpeg";

    public async Task<TranscodedSegment> TranscodeAsync(
        SourceSegment segment, IReadOnlyList<VideoProfile> profiles, CancellationToken cancellationToken)
    {
        if (segment.Data.Length == 0)
            throw TranscodeException.InvalidInput("empty segment");
        if (profiles.Count == 0)
            throw TranscodeException.InvalidInput("no transcoding profiles");

        using var workspace = TranscodeWorkspace.Create();
        var extension = EncoderArguments.FileExtension(segment.Format);
        var input = workspace.Write("source" + extension, segment.Data);
        var outputs = profiles.Select(p => workspace.PathFor(p.Name + extension)).ToList();

        var source = await SourceVideo.ProbeAsync(input, cancellationToken);
        // Counting the source's frames (for billing) runs beside the encode.
        var counting = CountVideoFramesAsync(input, cancellationToken);
        await EncodeAsync(input, source, profiles, outputs, segment.Format, cancellationToken);
        var frames = await counting;
        if (frames == 0)
            throw TranscodeException.InvalidInput("segment has no decodable video frames");

        var renditions = profiles.Select((p, i) => RenditionOutputs.Read(p, outputs[i], frames, source.FrameRate)).ToList();
        return RenditionOutputs.Verify(segment, profiles, renditions);
    }

    /// <summary>The <c>-filter_complex</c> graph: the first video stream split once per rung and scaled.</summary>
    public static string FilterGraph(IReadOnlyList<VideoProfile> profiles) =>
        $"[0:v:0]split={profiles.Count}{string.Concat(profiles.Select((_, i) => $"[s{i}]"))};" +
        string.Join(';', profiles.Select((p, i) => $"[s{i}]scale={p.Width}:{p.Height}:flags=area[o{i}]"));

    private async Task EncodeAsync(
        string input, SourceVideo source, IReadOnlyList<VideoProfile> profiles, IReadOnlyList<string> outputs, SegmentFormat format, CancellationToken cancellationToken)
    {
        var audio = source.HasAudio ? "-map 0:a:0 -c:a copy" : "-an";
        try
        {
            await FFMpegArguments
                .FromFileInput(input, verifyExists: true, o => o.WithCustomArgument(
                    $"{DecoderArguments.Input(cudaDecode)} -filter_complex \"{FilterGraph(profiles)}\" -copyts"))
                .OutputToMany(many =>
                {
                    for (var i = 0; i < profiles.Count; i++)
                    {
                        var profile = profiles[i];
                        many.OutputToFile(outputs[i], overwrite: true, o => o.WithCustomArgument(
                            $"-map [o{i}] {audio} {EncoderArguments.Video(profile, source.FrameRate)} {EncoderArguments.Container(format)}"));
                    }
                })
                .WithLogLevel(FFMpegLogLevel.Error)
                .CancellableThrough(cancellationToken)
                .ProcessAsynchronously(throwOnError: true);
        }
        catch (FFMpegException e)
        {
            // The probe accepted the segment, so a failure here is ffmpeg failing to decode what the client sent.
            throw TranscodeException.InvalidInput(FfmpegMessages.Reason(e.Message));
        }
    }

    /// <summary>Video packets of the first video stream (one per frame), by ffprobe.</summary>
    private static async Task<long> CountVideoFramesAsync(string input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ffprobe",
            $"-v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 \"{input}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)
            ?? throw new TranscodeException(TranscodeErrorKind.Internal, "ffprobe did not start");
        // A cancelled transcode must not leave ffprobe running.
        await using var kill = cancellationToken.Register(() => process.Kill(entireProcessTree: true));
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        // MPEG-TS lists the stream under its program too: the same count on two lines.
        var text = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()?.TrimEnd(',');
        if (process.ExitCode != 0 || !long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var frames))
            throw TranscodeException.InvalidInput(FfmpegMessages.Reason(await stderr));
        return frames;
    }
}
