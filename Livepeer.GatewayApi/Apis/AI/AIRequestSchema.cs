using Livepeer.AI;

namespace Livepeer.GatewayApi.Apis.AI;

public enum AIFieldType
{
    String,
    Integer,
    Number,
    Boolean,

    /// <summary>The media part of a multipart request.</summary>
    File,

    /// <summary>LLM <c>messages</c>: an array of <c>{role, content}</c> strings.</summary>
    Messages,
}

/// <summary>One request field of the gateway API, with its documented default (none when null and not required).</summary>
public sealed record AIField(string Name, AIFieldType Type, object? Default = null, bool Required = false, string? Description = null);

/// <summary>
/// The request and response shapes of one gateway AI endpoint (see shared spec: ai.md §2.1, §2.2 and §2.4); the request
/// reader, the validation and the served OpenAPI document all come from this one table.
/// </summary>
/// <param name="Multipart">multipart/form-data (a file part plus text parts) rather than JSON.</param>
/// <param name="ModelField">The field naming the model: <c>model_id</c>, or <c>model</c> for the LLM.</param>
public sealed record AIRequestSchema(string Pipeline, string RequestName, string ResponseName, bool Multipart, string ModelField, IReadOnlyList<AIField> Fields)
{
    public string Path => "/" + Pipeline;

    private static readonly AIField ModelId = new("model_id", AIFieldType.String, "", Description: "Hugging Face model ID used for the pipeline; empty for the gateway's default.");
    private static readonly AIField Seed = new("seed", AIFieldType.Integer, Description: "Seed for random number generation.");
    private static readonly AIField SafetyCheck = new("safety_check", AIFieldType.Boolean, true, Description: "Perform a safety check to estimate if generated images could be offensive or harmful.");
    private static readonly AIField Image = new("image", AIFieldType.File, Required: true, Description: "Uploaded image.");
    private static readonly AIField Loras = new("loras", AIFieldType.String, "", Description: "A LoRA (Low-Rank Adaptation) model and its corresponding weight, as a JSON object string.");

    public static IReadOnlyList<AIRequestSchema> All { get; } =
    [
        new(AIPipelines.TextToImage, "TextToImageParams", "ImageResponse", false, "model_id",
        [
            ModelId, Loras,
            new("prompt", AIFieldType.String, Required: true, Description: "Text prompt(s) to guide image generation; separate multiple prompts with '|'."),
            // go-livepeer's gateway fills 512 × 512 when a request leaves them out (see shared spec: ai.md §2.3).
            new("height", AIFieldType.Integer, 512), new("width", AIFieldType.Integer, 512),
            new("guidance_scale", AIFieldType.Number, 7.5), new("negative_prompt", AIFieldType.String, ""), SafetyCheck, Seed,
            new("num_inference_steps", AIFieldType.Integer, 50), new("num_images_per_prompt", AIFieldType.Integer, 1),
        ]),
        new(AIPipelines.ImageToImage, "Body_genImageToImage", "ImageResponse", true, "model_id",
        [
            new("prompt", AIFieldType.String, Required: true), Image, ModelId, Loras,
            new("strength", AIFieldType.Number, 0.8), new("guidance_scale", AIFieldType.Number, 7.5),
            new("image_guidance_scale", AIFieldType.Number, 1.5), new("negative_prompt", AIFieldType.String, ""), SafetyCheck, Seed,
            new("num_inference_steps", AIFieldType.Integer, 100), new("num_images_per_prompt", AIFieldType.Integer, 1),
        ]),
        new(AIPipelines.ImageToVideo, "Body_genImageToVideo", "VideoResponse", true, "model_id",
        [
            Image, ModelId, new("height", AIFieldType.Integer, 576), new("width", AIFieldType.Integer, 1024),
            new("fps", AIFieldType.Integer, 6), new("motion_bucket_id", AIFieldType.Integer, 127),
            new("noise_aug_strength", AIFieldType.Number, 0.02), SafetyCheck, Seed, new("num_inference_steps", AIFieldType.Integer, 25),
        ]),
        new(AIPipelines.Upscale, "Body_genUpscale", "ImageResponse", true, "model_id",
        [
            new("prompt", AIFieldType.String, Required: true), Image, ModelId, SafetyCheck, Seed,
            new("num_inference_steps", AIFieldType.Integer, 75),
        ]),
        new(AIPipelines.AudioToText, "Body_genAudioToText", "TextResponse", true, "model_id",
        [
            new("audio", AIFieldType.File, Required: true, Description: "Uploaded audio file to be transcribed."), ModelId,
            new("return_timestamps", AIFieldType.String, "true", Description: "'sentence' (or 'true'), 'word', or 'false' for no timestamps."),
        ]),
        new(AIPipelines.SegmentAnything2, "Body_genSegmentAnything2", "MasksResponse", true, "model_id",
        [
            Image, ModelId,
            new("point_coords", AIFieldType.String, Description: "Nx2 array of point prompts, as a JSON string, in pixels."),
            new("point_labels", AIFieldType.String, Description: "Labels of the point prompts (1 foreground, 0 background), as a JSON string."),
            new("box", AIFieldType.String, Description: "A box prompt [x1, y1, x2, y2], as a JSON string."),
            new("mask_input", AIFieldType.String, Description: "A 1x256x256 low-resolution mask, as a JSON string."),
            new("multimask_output", AIFieldType.Boolean, true), new("return_logits", AIFieldType.Boolean, true),
            new("normalize_coords", AIFieldType.Boolean, true),
        ]),
        new(AIPipelines.LLM, "LLMRequest", "LLMResponse", false, "model",
        [
            new("messages", AIFieldType.Messages, Required: true), new("model", AIFieldType.String, ""),
            new("temperature", AIFieldType.Number, 0.7), new("max_tokens", AIFieldType.Integer, 256),
            new("top_p", AIFieldType.Number, 1.0), new("top_k", AIFieldType.Integer, -1), new("stream", AIFieldType.Boolean, false),
        ]),
        new(AIPipelines.ImageToText, "Body_genImageToText", "ImageToTextResponse", true, "model_id",
        [
            Image, new("prompt", AIFieldType.String, "", Description: "Text prompt(s) to guide the model."), ModelId,
        ]),
        new(AIPipelines.TextToSpeech, "TextToSpeechParams", "AudioResponse", false, "model_id",
        [
            ModelId, new("text", AIFieldType.String, Required: true, Description: "Text input for speech generation."),
            new("description", AIFieldType.String, "A male speaker delivers a slightly expressive and animated speech with a moderate speed and pitch.",
                Description: "Description of the speaker's voice."),
        ]),
    ];

    public static AIRequestSchema For(string pipeline) => All.Single(s => s.Pipeline == pipeline);
}
