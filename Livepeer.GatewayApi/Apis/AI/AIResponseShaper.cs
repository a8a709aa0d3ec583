using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FFMpegCore.Exceptions;
using Livepeer.AI;
using Livepeer.Node;
using Microsoft.Extensions.Options;

namespace Livepeer.GatewayApi.Apis.AI;

/// <summary>
/// Turns a runner's reply into the gateway's response schema (see shared spec: ai.md §2.4, §2.6): data-URI media are
/// saved in the <see cref="AIMediaStore"/> and replaced by URLs the gateway serves (or kept inline when
/// <see cref="NodeOptions.AIMediaDataUris"/> is set), image-to-video frames become one MP4, and the fields the SDKs
/// require are always present.
/// </summary>
public sealed class AIResponseShaper(AIMediaStore store, IOptions<NodeOptions> options)
{
    public const string MediaPath = "/ai/media";

    public async Task<(JsonNode? Body, AIError? Error)> ShapeAsync(AIJob job, byte[] runnerJson, string baseUrl, CancellationToken cancellationToken)
    {
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(runnerJson);
        }
        catch (System.Text.Json.JsonException e)
        {
            return (null, new AIError(502, $"the runner's reply is not JSON: {e.Message}"));
        }
        if (body is not JsonObject reply)
            return (null, new AIError(502, "the runner's reply is not a JSON object"));
        var requestId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        try
        {
            switch (job.Pipeline)
            {
                case AIPipelines.TextToImage or AIPipelines.ImageToImage or AIPipelines.Upscale:
                    foreach (var media in reply["images"]?.AsArray() ?? [])
                        CompleteMedia(media!.AsObject(), requestId, baseUrl);
                    return (reply, null);
                case AIPipelines.ImageToVideo:
                    return (await VideoAsync(job, reply, requestId, baseUrl, cancellationToken), null);
                case AIPipelines.TextToSpeech:
                    if (reply["audio"] is JsonObject audio && audio["url"]?.GetValue<string>() is { } url)
                        audio["url"] = Publish(url, requestId, baseUrl);
                    return (reply, null);
                case AIPipelines.AudioToText:
                    reply["chunks"] ??= new JsonArray();
                    return (reply, null);
                default:
                    return (reply, null);
            }
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or FFMpegException)
        {
            return (null, new AIError(502, $"the runner's {job.Pipeline} reply is malformed: {e.Message}"));
        }
    }

    private void CompleteMedia(JsonObject media, string requestId, string baseUrl)
    {
        media["url"] = Publish(media["url"]?.GetValue<string>() ?? throw new FormatException("media without url"), requestId, baseUrl);
        media["seed"] ??= 0;
        media["nsfw"] ??= false;
    }

    /// <summary>go-livepeer's gateway returns one MP4 per frame batch, as an <c>ImageResponse</c>.</summary>
    private async Task<JsonObject> VideoAsync(AIJob job, JsonObject reply, string requestId, string baseUrl, CancellationToken cancellationToken)
    {
        var fps = int.TryParse(job.Field("fps"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var f) ? f : 6;
        var images = new JsonArray();
        foreach (var batch in reply["frames"]?.AsArray() ?? throw new FormatException("no frames"))
        {
            var frames = batch!.AsArray().Select(m => m!.AsObject()).ToList();
            if (frames.Count == 0)
                continue;
            var pngs = frames.Select(m => DataUri.Decode(m["url"]!.GetValue<string>()).Data).ToList();
            var mp4 = await AIVideo.EncodeFramesAsync(pngs, fps, cancellationToken);
            images.Add(new JsonObject
            {
                ["url"] = Publish(DataUri.Encode("video/mp4", mp4), requestId, baseUrl),
                ["seed"] = frames[0]["seed"]?.DeepClone() ?? 0,
                ["nsfw"] = frames.Any(m => m["nsfw"]?.GetValue<bool>() == true),
            });
        }
        return new JsonObject { ["images"] = images };
    }

    /// <summary>A data URI is saved and replaced by the gateway's URL for it; any other URL is returned as it is.</summary>
    private string Publish(string url, string requestId, string baseUrl)
    {
        if (!url.StartsWith("data:", StringComparison.Ordinal) || options.Value.AIMediaDataUris)
            return url;
        var (contentType, data) = DataUri.Decode(url);
        var name = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + DataUri.Extension(contentType);
        store.Save(requestId, name, data, contentType);
        return $"{baseUrl}{MediaPath}/{requestId}/{name}";
    }
}
