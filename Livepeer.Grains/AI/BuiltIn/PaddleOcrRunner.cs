using System.Text.Json;
using Livepeer.Node;
using Microsoft.Extensions.Options;

namespace Livepeer.AI.BuiltIn;

/// <summary>
/// The built-in image-to-text runner: <see cref="PaddleOcr"/> in process, for an aiModels.json entry
/// <c>{"pipeline":"image-to-text","model_id":"paddleocr/PP-OCRv4"}</c> without a <c>url</c>, with the model files in
/// <see cref="NodeOptions.AIModelsDir"/>. It answers as ai-runner does: <c>{"text": ...}</c>.
/// </summary>
public sealed class PaddleOcrRunner(IOptions<NodeOptions> options) : IBuiltInAIRunner, IDisposable
{
    public const string Model = "paddleocr/PP-OCRv4";

    private readonly Lazy<PaddleOcr> _ocr = new(() => new PaddleOcr(options.Value.AIModelsDir));

    public string Pipeline => AIPipelines.ImageToText;

    public string ModelId => Model;

    public string Name => $"built-in {Model} (ONNX Runtime, CPU)";

    public bool IsAvailable => PaddleOcr.FilesExist(options.Value.AIModelsDir);

    public async Task<AIResult> RunAsync(AIJob job, CancellationToken cancellationToken)
    {
        var image = job.File is null ? null : await RgbImage.DecodeAsync(job.File.Content, cancellationToken);
        if (image is null)
            return AIResult.Failure(400, "image: unsupported or corrupt image");
        // Inference is CPU-bound: off the caller's scheduler (an Orleans grain's turn).
        var text = await Task.Run(() => _ocr.Value.Read(image), cancellationToken);
        return new AIResult(JsonSerializer.SerializeToUtf8Bytes(new { text }), null, null, 0);
    }

    public Task<string> CheckHealthAsync(CancellationToken cancellationToken) => Task.FromResult(IsAvailable ? "OK" : "ERROR");

    public Task<string> GetHardwareInfoAsync(CancellationToken cancellationToken) => Task.FromResult(JsonSerializer.Serialize(new
    {
        pipeline = Pipeline,
        model_id = ModelId,
        gpu_info = new { },
        runtime = "onnxruntime-cpu",
    }));

    public void Dispose()
    {
        if (_ocr.IsValueCreated)
            _ocr.Value.Dispose();
    }
}
