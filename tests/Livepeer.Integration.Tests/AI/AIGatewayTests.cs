using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Livepeer.AI;
using Livepeer.Integration.Tests.Media;
using Livepeer.Integration.Tests.Node;
using Livepeer.Node;
using Livepeer.Orchestrator;
using Livepeer.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Integration.Tests.AI;

/// <summary>The AI gateway API over HTTP against the whole node and ai-runner-compatible runner processes.</summary>
[Collection(AINodeCollection.Name)]
public sealed class AIGatewayTests(AINodeFixture node)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Text_to_image_returns_pngs_served_by_the_gateway_and_is_paid_units_times_price_with_tickets()
    {
        var keys = node.Services.GetRequiredService<NodeKeys>();
        var orchestrator = node.Grains.GetGrain<IOrchestratorGrain>(keys.Orchestrator.Address.ToString());
        var manifest = AIPipelines.BillingManifest(AIPipelines.TextToImage, "test/t2i");
        var before = await orchestrator.GetStats();
        var balanceBefore = await orchestrator.GetBalance(keys.Gateway.Address, manifest);

        using var response = await node.Http.PostAsJsonAsync("/text-to-image",
            new { prompt = "a cat", model_id = "test/t2i", width = 64, height = 32, seed = 5, num_images_per_prompt = 2 });

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        var images = json.RootElement.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal([5, 6], images.Select(i => i.GetProperty("seed").GetInt32()));
        Assert.All(images, i => Assert.False(i.GetProperty("nsfw").GetBoolean()));
        foreach (var image in images)
        {
            var url = image.GetProperty("url").GetString()!;
            Assert.StartsWith($"{node.GatewayUrl.ToString().TrimEnd('/')}/ai/media/", url);
            using var file = await node.Http.GetAsync(url);
            Assert.Equal("image/png", file.Content.Headers.ContentType?.MediaType);
            Assert.True(ImageSize.TryRead(await file.Content.ReadAsByteArrayAsync(), out var width, out var height));
            Assert.Equal((64, 32), (width, height));
        }

        // Paid like a segment: the orchestrator credited the tickets' EV and debited 64 × 32 × 2 pixels at the model's price.
        var after = await orchestrator.GetStats();
        var info = await orchestrator.GetAIOrchestratorInfo(keys.Gateway.Address, AIPipelines.TextToImage, "test/t2i");
        Assert.Equal(new PriceInfo(AINodeFixture.TextToImagePrice, 1), info!.Price);
        var units = 64 * 32 * 2;
        Assert.Equal(units, after.AIUnits - before.AIUnits);
        var ticketsAccepted = after.TicketsAccepted - before.TicketsAccepted;
        Assert.True(after.TicketsAccepted >= 1, "AI jobs are paid with tickets");
        var balanceAfter = await orchestrator.GetBalance(keys.Gateway.Address, manifest);
        Assert.Equal(new BigRational(ticketsAccepted, 1) * info.TicketParams!.EV - new BigRational(units * AINodeFixture.TextToImagePrice, 1),
            balanceAfter - balanceBefore);

        var metrics = PrometheusText.Parse(await node.Http.GetStringAsync("/metrics"));
        Assert.True(metrics.Sum("livepeer_ai_request_count", "pipeline=\"text-to-image\"", "model_name=\"test/t2i\"", "outcome=\"ok\"") >= 1,
            "the request is not counted in livepeer_ai_request_count");
    }

    [Fact]
    public async Task Missing_or_mistyped_fields_are_422_naming_the_field()
    {
        await AssertValidationError(await node.Http.PostAsJsonAsync("/text-to-image", new { model_id = "test/t2i" }), "prompt", "missing");
        await AssertValidationError(await node.Http.PostAsJsonAsync("/text-to-image", new { prompt = "x", width = "wide" }), "width", "int_type");
        await AssertValidationError(await node.Http.PostAsJsonAsync("/llm", new { messages = Array.Empty<object>() }), "messages", "too_short");
        using var form = new MultipartFormDataContent { { new StringContent("a cat"), "prompt" } };
        await AssertValidationError(await node.Http.PostAsync("/image-to-image", form), "image", "missing");
        using var badNumber = new MultipartFormDataContent
        {
            { new ByteArrayContent(await Ffmpeg.GenerateImageAsync(node.Directory, 32, 32)), "image", "in.png" },
            { new StringContent("a cat"), "prompt" },
            { new StringContent("strong"), "strength" },
        };
        await AssertValidationError(await node.Http.PostAsync("/image-to-image", badNumber), "strength", "float_parsing");
    }

    [Fact]
    public async Task An_upload_over_50_MB_is_413()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[(50 << 20) + 1]), "image", "big.png" } };
        using var response = await node.Http.PostAsync("/image-to-text", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("50 MB", await DetailMessage(response));
    }

    [Fact]
    public async Task A_model_without_a_runner_is_503_naming_the_model()
    {
        using var unknown = await node.Http.PostAsJsonAsync("/text-to-image", new { prompt = "a cat", model_id = "test/unknown" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unknown.StatusCode);
        Assert.Equal("no runner for model test/unknown", await DetailMessage(unknown));

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await Ffmpeg.GenerateImageAsync(node.Directory, 32, 32)), "image", "in.png" },
            { new StringContent("test/no-runner"), "model_id" },
        };
        using var noRunner = await node.Http.PostAsync("/image-to-text", form);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, noRunner.StatusCode);
        Assert.Equal("no runner for model test/no-runner", await DetailMessage(noRunner));
    }

    [Fact]
    public async Task A_runner_error_about_the_request_reaches_the_client_as_it_is()
    {
        using var response = await node.Http.PostAsJsonAsync("/text-to-image", new { prompt = "", model_id = "test/t2i", width = 8, height = 8 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Prompt must be provided.", await DetailMessage(response));
    }

    [Fact]
    public async Task A_runner_that_times_out_is_retried_on_another_runner()
    {
        using var response = await node.Http.PostAsJsonAsync("/text-to-image", new { prompt = "a cat", model_id = "test/failover", width = 8, height = 8 });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_dead_runner_with_no_other_is_a_5xx_naming_the_model()
    {
        using var response = await node.Http.PostAsJsonAsync("/text-to-image", new { prompt = "a cat", model_id = "test/dead", width = 8, height = 8 });
        Assert.True((int)response.StatusCode is 502 or 503, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Contains("test/dead", await DetailMessage(response));
    }

    [Fact]
    public async Task A_runner_refusing_the_configured_token_is_a_502_not_the_client_fault()
    {
        using var response = await node.Http.PostAsJsonAsync("/text-to-image", new { prompt = "a cat", model_id = "test/bad-token", width = 8, height = 8 });
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("refused the bearer token (401): Invalid bearer token.", await DetailMessage(response));
    }

    [Fact]
    public async Task Capacity_is_reserved_per_request_and_released_exactly_under_concurrency()
    {
        // Five requests at once for a model of capacity 2 whose runner holds each job until released.
        var requests = Enumerable.Range(0, 5)
            .Select(_ => node.Http.PostAsJsonAsync("/text-to-image", new { prompt = "hold", model_id = "test/capacity", width = 8, height = 8 }))
            .ToList();
        var refused = new List<HttpResponseMessage>();
        using (var deadline = new CancellationTokenSource(Deadline))
        {
            while (refused.Count < 3)
            {
                var done = await Task.WhenAny(requests).WaitAsync(deadline.Token);
                requests.Remove(done);
                refused.Add(await done);
            }
        }
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));
        foreach (var response in refused)
            Assert.Equal("insufficient capacity", await DetailMessage(response));
        Assert.Equal(2, (await PipelineStatus("test/capacity")).InUse);

        await WaitForHeldAsync(2);
        await AssertPaidRequestAtCapacityLeavesItsTicketsUncreditedAsync();
        using (await node.Http.PostAsync(new Uri(node.CapacityRunner.Url, "test/release"), null))
        {
        }
        foreach (var response in await Task.WhenAll(requests))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await PipelineStatus("test/capacity")).InUse);
        using var stats = JsonDocument.Parse(await node.Http.GetStringAsync(new Uri(node.CapacityRunner.Url, "test/stats")));
        Assert.Equal(2, stats.RootElement.GetProperty("maxInFlight").GetInt32());

        using var again = await node.Http.PostAsJsonAsync("/text-to-image", new { prompt = "a cat", model_id = "test/capacity", width = 8, height = 8 });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    /// <summary>
    /// Capacity comes before payment, as in go-livepeer's handleAIRequest: a job sent with a ticket while every slot is
    /// held is refused without the orchestrator receiving or crediting the ticket, and without taking a slot.
    /// </summary>
    private async Task AssertPaidRequestAtCapacityLeavesItsTicketsUncreditedAsync()
    {
        var keys = node.Services.GetRequiredService<NodeKeys>();
        var orchestrator = node.Grains.GetGrain<IOrchestratorGrain>(keys.Orchestrator.Address.ToString());
        var info = await orchestrator.GetAIOrchestratorInfo(keys.Gateway.Address, AIPipelines.TextToImage, "test/t2i");
        var batch = await node.Grains.GetGrain<ITicketSenderGrain>(keys.Gateway.Address.ToString()).CreateTicketBatch(info!.TicketParams!, 1);
        Assert.Null(batch.Error);
        var manifest = AIPipelines.BillingManifest(AIPipelines.TextToImage, "test/capacity");
        var before = await orchestrator.GetStats();
        var balanceBefore = await orchestrator.GetBalance(keys.Gateway.Address, manifest);

        var job = new AIJob(AIPipelines.TextToImage, "test/capacity", Encoding.UTF8.GetBytes("""{"prompt":"hold","width":8,"height":8}"""), [], null, false);
        var result = await orchestrator.ProcessAIJob(new AIJobRequest(job, keys.Gateway.Address, batch.Batch, info.Price));

        Assert.Equal(new AIError(503, "insufficient capacity"), result.Error);
        Assert.True(result.RefusedBeforePayment);
        var after = await orchestrator.GetStats();
        Assert.Equal(before.TicketsReceived, after.TicketsReceived);
        Assert.Equal(balanceBefore, await orchestrator.GetBalance(keys.Gateway.Address, manifest));
        Assert.Equal(2, (await PipelineStatus("test/capacity")).InUse);
    }

    [Fact]
    public async Task Llm_stream_events_reach_the_client_while_the_runner_is_still_streaming()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/llm")
        {
            Content = JsonContent.Create(new { messages = new[] { new { role = "user", content = "hold" } }, model = "test/llm", stream = true }),
        };
        using var response = await node.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));

        // The runner holds its stream open after the first chunk until released: that chunk must arrive first.
        var first = await reader.ReadLineAsync(deadline.Token);
        Assert.NotNull(first);
        var chunk = JsonDocument.Parse(first["data: ".Length..]).RootElement.GetProperty("choices")[0];
        Assert.Equal("echo:", chunk.GetProperty("delta").GetProperty("content").GetString());
        Assert.Equal("", chunk.GetProperty("finish_reason").GetString());
        using (var held = JsonDocument.Parse(await node.Http.GetStringAsync(new Uri(node.Runner.Url, "test/held"), deadline.Token)))
            Assert.Equal(1, held.RootElement.GetProperty("held").GetInt32());

        using (await node.Http.PostAsync(new Uri(node.Runner.Url, "test/release"), null, deadline.Token))
        {
        }
        var rest = await reader.ReadToEndAsync(deadline.Token);
        Assert.DoesNotContain("[DONE]", rest);
        var last = rest.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement.GetProperty("choices")[0]).Last();
        Assert.Equal(" hold", last.GetProperty("delta").GetProperty("content").GetString());
        Assert.Equal("stop", last.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Llm_streams_server_sent_events_ending_with_the_finish_reason_and_no_done_marker()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/llm")
        {
            Content = JsonContent.Create(new { messages = new[] { new { role = "user", content = "hello node" } }, model = "test/llm", stream = true }),
        };
        using var response = await node.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("[DONE]", text);
        var chunks = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement.GetProperty("choices")[0]).ToList();
        Assert.Equal("echo: hello node", string.Concat(chunks.Select(c => c.GetProperty("delta").GetProperty("content").GetString())));
        Assert.Equal("stop", chunks[^1].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Image_to_video_responds_async_and_the_polled_result_is_an_mp4()
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await Ffmpeg.GenerateImageAsync(node.Directory, 64, 64)), "image", "in.png" },
            { new StringContent("test/i2v"), "model_id" },
            { new StringContent("4"), "fps" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/image-to-video") { Content = form };
        request.Headers.Add("Prefer", "respond-async");
        using var accepted = await node.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var requestId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("request_id").GetString();

        JsonElement result;
        using (var deadline = new CancellationTokenSource(Deadline))
        {
            while (true)
            {
                using var poll = await node.Http.PostAsJsonAsync("/image-to-video/result", new { request_id = requestId }, deadline.Token);
                var body = await poll.Content.ReadFromJsonAsync<JsonElement>(deadline.Token);
                if (poll.StatusCode == HttpStatusCode.OK)
                {
                    Assert.Equal("complete", body.GetProperty("status").GetString());
                    result = body.GetProperty("result");
                    break;
                }
                Assert.Equal(HttpStatusCode.Accepted, poll.StatusCode);
                Assert.Equal("processing", body.GetProperty("status").GetString());
                await Task.Delay(100, deadline.Token); // polling is the API under test; bounded by the deadline
            }
        }
        var url = result.GetProperty("images")[0].GetProperty("url").GetString()!;
        var probe = await Ffmpeg.ProbeAsync(url);
        Assert.Equal("h264", Assert.Single(probe.Streams).CodecName);
        Assert.Equal(1.0, probe.Duration, precision: 1); // 4 frames at 4 fps
    }

    [Fact]
    public async Task Text_to_speech_returns_wav_audio_served_by_the_gateway()
    {
        using var response = await node.Http.PostAsJsonAsync("/text-to-speech", new { model_id = "test/tts", text = "hello" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var audio = await node.Http.GetByteArrayAsync(body.GetProperty("audio").GetProperty("url").GetString());
        Assert.Equal("RIFF", Encoding.ASCII.GetString(audio, 0, 4));
    }

    [Fact]
    public async Task The_openapi_document_describes_every_pipeline()
    {
        using var json = JsonDocument.Parse(await node.Http.GetStringAsync("/openapi.json"));
        var paths = json.RootElement.GetProperty("paths");
        foreach (var pipeline in new[] { "text-to-image", "image-to-image", "image-to-video", "upscale", "audio-to-text", "segment-anything-2", "llm", "image-to-text", "text-to-speech" })
            Assert.True(paths.TryGetProperty("/" + pipeline, out _), pipeline);
        var textToImage = json.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("TextToImageParams");
        Assert.Equal("prompt", textToImage.GetProperty("required")[0].GetString());
        Assert.Equal(7.5, textToImage.GetProperty("properties").GetProperty("guidance_scale").GetProperty("default").GetDouble());
    }

    private async Task<AIPipelineStatus> PipelineStatus(string model) =>
        await node.Grains.GetGrain<IAIPipelineGrain>(AIPipelines.PipelineKey(AIPipelines.TextToImage, model)).GetStatus();

    private async Task WaitForHeldAsync(int count)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            using var held = JsonDocument.Parse(await node.Http.GetStringAsync(new Uri(node.CapacityRunner.Url, "test/held"), deadline.Token));
            if (held.RootElement.GetProperty("held").GetInt32() == count)
                return;
            await Task.Delay(20, deadline.Token); // the held jobs reach the runner over HTTP; bounded by the deadline
        }
    }

    private static async Task AssertValidationError(HttpResponseMessage response, string field, string type)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, body);
            using var json = JsonDocument.Parse(body);
            var error = json.RootElement.GetProperty("detail")[0];
            Assert.Equal(["body", field], error.GetProperty("loc").EnumerateArray().Select(l => l.GetString()));
            Assert.Equal(type, error.GetProperty("type").GetString());
        }
    }

    private static async Task<string?> DetailMessage(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("detail").GetProperty("msg").GetString();
    }
}
