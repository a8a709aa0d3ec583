using System.Text.Json;
using Livepeer.Integration.Tests.Media;

namespace Livepeer.Integration.Tests.AI;

/// <summary>
/// The official npm SDK <c>@livepeer/ai</c>, unchanged, calling the node with <c>serverURL</c> pointed at it
/// (see shared spec: ai.md §4).
/// </summary>
[Collection(AINodeCollection.Name)]
public sealed class AISdkTests(AINodeFixture node)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Text_to_image_through_the_sdk_returns_a_png_from_the_external_runner()
    {
        var result = await Sdk("text-to-image");
        Assert.Equal(200, result.GetProperty("statusCode").GetInt32());
        Assert.Equal(7, result.GetProperty("seed").GetInt32());
        Assert.False(result.GetProperty("nsfw").GetBoolean());
        Assert.Equal("PNG", result.GetProperty("signature").GetString());
        Assert.True(result.GetProperty("bytes").GetInt32() > 100);
    }

    [Fact]
    public async Task Text_to_image_through_the_studio_sdk_uses_the_api_generate_paths()
    {
        var result = await Sdk("studio-text-to-image");
        Assert.Equal(200, result.GetProperty("statusCode").GetInt32());
        Assert.Equal(3, result.GetProperty("seed").GetInt32());
        Assert.Contains("/ai/media/", result.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Llm_through_the_sdk_returns_the_runner_reply()
    {
        var result = await Sdk("llm");
        Assert.Equal(200, result.GetProperty("statusCode").GetInt32());
        Assert.Equal("echo: hello node", result.GetProperty("content").GetString());
        Assert.Equal("stop", result.GetProperty("finishReason").GetString());
        Assert.Equal("test/llm", result.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Llm_stream_through_the_sdk_fails_as_the_sdk_does_on_event_streams()
    {
        // @livepeer/ai 0.6.2 matches only JSON 200 replies, so a streamed reply is its SDKError (see shared spec: ai.md §4.2).
        var result = await Sdk("llm-stream");
        Assert.Equal("SDKError", result.GetProperty("error").GetString());
        Assert.Contains("Unexpected API response status or content-type", result.GetProperty("message").GetString());
        Assert.Equal(200, result.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task Image_to_text_through_the_sdk_reads_rendered_text_with_the_built_in_onnx_ocr()
    {
        var image = Path.Combine(node.Directory, "ocr-input.png");
        await File.WriteAllBytesAsync(image, await Ffmpeg.RenderTextAsync(node.Directory, "LIVEPEER 2026"));
        var result = await Sdk("image-to-text", image);
        Assert.Equal(200, result.GetProperty("statusCode").GetInt32());
        Assert.Equal("LIVEPEER 2026", result.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_runner_error_is_decoded_as_the_sdk_typed_http_error()
    {
        var result = await Sdk("runner-error");
        Assert.Equal("HTTPError", result.GetProperty("error").GetString());
        Assert.Equal("Prompt must be provided.", result.GetProperty("detail").GetProperty("msg").GetString());
    }

    [Fact]
    public async Task A_model_without_a_runner_is_an_sdk_error_carrying_the_503_and_reason()
    {
        var result = await Sdk("no-runner");
        Assert.Equal("SDKError", result.GetProperty("error").GetString());
        Assert.Equal(503, result.GetProperty("statusCode").GetInt32());
        Assert.Contains("no runner for model test/no-such-model", result.GetProperty("message").GetString());
    }

    private async Task<JsonElement> Sdk(string scenario, string file = "")
    {
        var line = await NodeScript.RunAsync(Deadline, "sdk-client.cjs", node.GatewayUrl.ToString(), scenario, file);
        return JsonDocument.Parse(line).RootElement.Clone();
    }
}
