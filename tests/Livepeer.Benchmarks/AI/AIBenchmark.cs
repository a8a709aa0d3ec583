using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Livepeer.AI.BuiltIn;
using Livepeer.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Livepeer.Benchmarks.AI;

/// <summary>
/// What the gateway + orchestrator path (HTTP API, validation, AI session and pipeline grains, ticket payment, runner
/// client) adds over calling an ai-runner directly, with a runner that answers instantly (an in-process HTTP server):
/// p50/p99 latency of both, interleaved, their difference, and requests per second through the gateway at a given
/// concurrency. Then the built-in OCR (image-to-text) through the gateway beside the same ONNX model called directly.
/// Options: <c>--requests N</c> (default 2000), <c>--concurrency C</c> (default 16), <c>--ocr-runs N</c> (default 20).
/// </summary>
public static class AIBenchmark
{
    private const string LlmReply = """{"id":"x","model":"bench/instant","created":0,"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2},"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"ok"}}]}""";
    private const string LlmRequest = """{"messages":[{"role":"user","content":"hi"}],"model":"bench/instant","max_tokens":16,"stream":false}""";

    public static async Task RunAsync(string[] args)
    {
        var requests = Option(args, "--requests", 2000);
        var concurrency = Option(args, "--concurrency", 16);
        var ocrRuns = Option(args, "--ocr-runs", 20);
        var directory = Directory.CreateTempSubdirectory("livepeer-bench-ai-").FullName;
        try
        {
            var runnerPort = FreePort();
            await using var runner = InstantRunner(runnerPort);
            await runner.StartAsync();
            var models = Path.Combine(directory, "aiModels.json");
            var ocrModels = OcrModelsDirectory();
            await File.WriteAllTextAsync(models, JsonSerializer.Serialize(new object[]
            {
                new { pipeline = "llm", model_id = "bench/instant", url = $"http://127.0.0.1:{runnerPort}", capacity = 1000, warm = true },
                new { pipeline = "image-to-text", model_id = PaddleOcrRunner.Model, capacity = 4, warm = true },
            }));
            var httpPort = FreePort();
            await using var node = NodeHost.Build(
            [
                $"--httpAddr=127.0.0.1:{httpPort}", $"--serviceAddr=127.0.0.1:{FreePort()}",
                $"--siloPort={FreePort()}", $"--orleansGatewayPort={FreePort()}",
                $"--dataDir={Path.Combine(directory, "data")}", $"--aiModels={models}", $"--aiModelsDir={ocrModels}",
                "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Orleans=Error",
            ]);
            await node.StartAsync();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { Timeout = TimeSpan.FromMinutes(5) };
            var gateway = new Uri($"http://127.0.0.1:{httpPort}/llm");
            var direct = new Uri($"http://127.0.0.1:{runnerPort}/llm");

            // Warm-up: JIT, grain activations, the first ticket params, connection pools.
            for (var i = 0; i < 200; i++)
            {
                await PostAsync(http, gateway, LlmRequest);
                await PostAsync(http, direct, LlmRequest);
            }

            // Latency, one request at a time, interleaved so machine noise hits both alike.
            var viaGateway = new List<double>();
            var viaRunner = new List<double>();
            for (var i = 0; i < Math.Min(requests, 1000); i++)
            {
                viaGateway.Add(await TimeAsync(() => PostAsync(http, gateway, LlmRequest)));
                viaRunner.Add(await TimeAsync(() => PostAsync(http, direct, LlmRequest)));
            }
            Console.WriteLine($"llm on a runner that answers instantly, {viaGateway.Count} sequential requests each way (ms):");
            Console.WriteLine($"  gateway+orchestrator  p50 {P(viaGateway, 50):0.000}  p99 {P(viaGateway, 99):0.000}");
            Console.WriteLine($"  runner directly       p50 {P(viaRunner, 50):0.000}  p99 {P(viaRunner, 99):0.000}");
            Console.WriteLine($"  added by the node     p50 {P(viaGateway, 50) - P(viaRunner, 50):0.000}  p99 {P(viaGateway, 99) - P(viaRunner, 99):0.000}");

            var gatewayRate = await ThroughputAsync(http, gateway, requests, concurrency);
            var runnerRate = await ThroughputAsync(http, direct, requests, concurrency);
            Console.WriteLine($"throughput, {requests} requests at concurrency {concurrency}: gateway+orchestrator {gatewayRate:0} req/s, " +
                $"runner directly {runnerRate:0} req/s, ratio {gatewayRate / runnerRate:0.00}");

            // The built-in OCR: the whole gateway path beside the same ONNX model (decode + detect + recognise) called directly.
            var image = await RenderTextAsync(directory, "LIVEPEER 2026");
            using var ocr = new PaddleOcr(ocrModels);
            var viaNode = new List<double>();
            var inProcess = new List<double>();
            string? text = null;
            for (var i = 0; i < ocrRuns + 2; i++)
            {
                var nodeTime = await TimeAsync(async () => text = await ImageToTextAsync(http, httpPort, image));
                var directTime = await TimeAsync(async () => ocr.Read((await RgbImage.DecodeAsync(image, CancellationToken.None))!));
                if (i >= 2) // the first two warm both sides up
                {
                    viaNode.Add(nodeTime);
                    inProcess.Add(directTime);
                }
            }
            Console.WriteLine($"built-in OCR (PaddleOCR v4, ONNX Runtime CPU) on a 720x120 text image, {ocrRuns} runs (ms); read: \"{text}\"");
            Console.WriteLine($"  gateway+orchestrator  p50 {P(viaNode, 50):0.0}  p99 {P(viaNode, 99):0.0}");
            Console.WriteLine($"  model called directly p50 {P(inProcess, 50):0.0}  p99 {P(inProcess, 99):0.0}");
            Console.WriteLine($"  ratio gateway/direct (p50): {P(viaNode, 50) / P(inProcess, 50):0.00}");
            await node.StopAsync();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static WebApplication InstantRunner(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        app.MapGet("/health", () => Results.Text("""{"status":"OK"}""", "application/json"));
        app.MapGet("/hardware/info", () => Results.Text("""{"pipeline":"llm","model_id":"bench/instant","gpu_info":{}}""", "application/json"));
        app.MapPost("/llm", () => Results.Text(LlmReply, "application/json"));
        return app;
    }

    private static async Task PostAsync(HttpClient http, Uri url, string json)
    {
        using var response = await http.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<string> ImageToTextAsync(HttpClient http, int port, byte[] image)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(image), "image", "text.png" },
            { new StringContent(PaddleOcrRunner.Model), "model_id" },
        };
        using var response = await http.PostAsync(new Uri($"http://127.0.0.1:{port}/image-to-text"), form);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"image-to-text: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("text").GetString()!;
    }

    private static async Task<double> ThroughputAsync(HttpClient http, Uri url, int requests, int concurrency)
    {
        var next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= requests)
                await PostAsync(http, url, LlmRequest);
        }));
        return requests / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    private static async Task<byte[]> RenderTextAsync(string directory, string text)
    {
        var path = Path.Combine(directory, "text.png");
        using var ffmpeg = Process.Start("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "color=white:size=720x120:rate=1", "-vf",
            $"drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:text='{text}':fontsize=56:fontcolor=black:x=24:y=30", "-frames:v", "1", path]);
        await ffmpeg.WaitForExitAsync();
        return await File.ReadAllBytesAsync(path);
    }

    private static string OcrModelsDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var models = Path.Combine(directory.FullName, ".tools", "ocr-models-1.4.2", "package", "assets");
            if (PaddleOcr.FilesExist(models))
                return models;
        }
        throw new InvalidOperationException("PaddleOCR models not found under .tools: run scripts/install-prerequisites");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
