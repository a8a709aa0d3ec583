using System.Globalization;
using System.Text.Json;
using FFMpegCore;
using FFMpegCore.Exceptions;

namespace Livepeer.AI;

/// <summary>
/// What an AI job is priced in (go-livepeer's "pixels"; see shared spec: ai.md §6.3): the gateway pays and the
/// orchestrator debits <c>units × price per unit</c>. Both sides call this one function on the same request.
/// </summary>
public static class AIUnits
{
    /// <summary>go-livepeer prices an image-to-video job as 25 frames.</summary>
    public const int ImageToVideoFrames = 25;

    public static async Task<(long Units, AIError? Error)> ComputeAsync(AIJob job, CancellationToken cancellationToken = default)
    {
        switch (job.Pipeline)
        {
            case AIPipelines.TextToImage:
            {
                using var json = JsonDocument.Parse(job.Json!);
                return (Int(json, "height", 512) * Int(json, "width", 512) * Int(json, "num_images_per_prompt", 1), null);
            }
            case AIPipelines.LLM:
            {
                using var json = JsonDocument.Parse(job.Json!);
                return (Int(json, "max_tokens", 256), null);
            }
            case AIPipelines.TextToSpeech:
            {
                // go-livepeer's gateway counts bytes and its orchestrator 1000 × characters (ai.md §6.3); both sides here
                // use the orchestrator's rule, which is what gets debited.
                using var json = JsonDocument.Parse(job.Json!);
                var text = json.RootElement.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                return (1000L * text.EnumerateRunes().Count(), null);
            }
            case AIPipelines.ImageToVideo:
                return (FieldInt(job, "height", 576) * FieldInt(job, "width", 1024) * ImageToVideoFrames, null);
            case AIPipelines.AudioToText:
                return await AudioMillisecondsAsync(job.File!, cancellationToken);
            default:
            {
                // image-to-image, upscale, segment-anything-2, image-to-text: the input image's pixels (× images for i2i).
                if (job.File is null || !ImageSize.TryRead(job.File.Content, out var width, out var height))
                    return (0, new AIError(400, "image: unsupported or corrupt image (expected PNG, JPEG, GIF or WebP)"));
                var images = job.Pipeline == AIPipelines.ImageToImage ? FieldInt(job, "num_images_per_prompt", 1) : 1;
                return ((long)width * height * images, null);
            }
        }
    }

    private static long Int(JsonDocument json, string name, long absent) =>
        json.RootElement.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : absent;

    private static long FieldInt(AIJob job, string name, long absent) =>
        long.TryParse(job.Field(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : absent;

    private static async Task<(long, AIError?)> AudioMillisecondsAsync(AIFile audio, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"livepeer-audio-{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllBytesAsync(path, audio.Content, cancellationToken);
            var analysis = await FFProbe.AnalyseAsync(path, cancellationToken: cancellationToken);
            var ms = (long)Math.Ceiling(analysis.Duration.TotalMilliseconds);
            return ms > 0 ? (ms, null) : (0, new AIError(400, "Unable to calculate duration of file"));
        }
        catch (Exception e) when (e is FFProbeException or FFMpegException or FormatException)
        {
            return (0, new AIError(400, "Unable to calculate duration of file"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
