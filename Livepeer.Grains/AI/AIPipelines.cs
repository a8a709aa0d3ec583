namespace Livepeer.AI;

/// <summary>
/// The batch AI pipelines of go-livepeer's gateway (see shared spec: ai.md §2.1), their capability numbers
/// (network.md §capabilities) and the model each uses when a request names none (ai.md §2.3).
/// </summary>
public static class AIPipelines
{
    public const string TextToImage = "text-to-image";
    public const string ImageToImage = "image-to-image";
    public const string ImageToVideo = "image-to-video";
    public const string Upscale = "upscale";
    public const string AudioToText = "audio-to-text";
    public const string SegmentAnything2 = "segment-anything-2";
    public const string LLM = "llm";
    public const string ImageToText = "image-to-text";
    public const string TextToSpeech = "text-to-speech";
    public const string LiveVideoToVideo = "live-video-to-video";

    private static readonly Dictionary<string, (int Capability, string DefaultModel)> Known = new()
    {
        [TextToImage] = (27, "stabilityai/sdxl-turbo"),
        [ImageToImage] = (28, "stabilityai/sdxl-turbo"),
        [ImageToVideo] = (29, "stabilityai/stable-video-diffusion-img2vid-xt"),
        [Upscale] = (30, "stabilityai/stable-diffusion-x4-upscaler"),
        [AudioToText] = (31, "openai/whisper-large-v3"),
        [SegmentAnything2] = (32, "facebook/sam2-hiera-large"),
        [LLM] = (33, "meta-llama/llama-3.1-8B-Instruct"),
        [ImageToText] = (34, "Salesforce/blip-image-captioning-large"),
        [LiveVideoToVideo] = (35, "noop"),
        [TextToSpeech] = (36, "parler-tts/parler-tts-large-v1"),
    };

    public static bool IsKnown(string pipeline) => Known.ContainsKey(pipeline);

    /// <summary>go-livepeer's capability number of the pipeline (27 = Text to image … 36 = Text to speech).</summary>
    public static int Capability(string pipeline) => Known[pipeline].Capability;

    /// <summary>The pipeline of go-livepeer's capability number; null for a capability that is no AI pipeline.</summary>
    public static string? PipelineOf(int capability) => Known.FirstOrDefault(k => k.Value.Capability == capability).Key;

    /// <summary>The model a request that names none (or names <c>""</c>) is sent to.</summary>
    public static string ModelOrDefault(string pipeline, string? modelId) =>
        string.IsNullOrEmpty(modelId) ? Known[pipeline].DefaultModel : modelId;

    /// <summary>
    /// The orchestrator's billing "manifest" of an AI job, <c>{capability}_{model}</c> as go-livepeer's: one balance per
    /// (sender, capability, model) (see shared spec: ai.md §5).
    /// </summary>
    public static string BillingManifest(string pipeline, string modelId) => $"{Capability(pipeline)}_{modelId}";

    /// <summary>The key of the pipeline grain serving one model: <c>{pipeline}/{model}</c> (model ids contain '/', pipelines do not).</summary>
    public static string PipelineKey(string pipeline, string modelId) => $"{pipeline}/{modelId}";

    public static (string Pipeline, string ModelId) ParsePipelineKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }
}
