using System.Text.Json;
using System.Text.Json.Nodes;
using Livepeer.AI;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.GatewayApi.Apis.AI;

/// <summary>
/// go-livepeer's AI gateway API (<c>server/ai_mediaserver.go</c>; see shared spec: ai.md §2): one <c>POST</c> per
/// pipeline at the root of the gateway port, the async image-to-video result poll, the result media and the OpenAPI
/// document. The same endpoints are also served under <c>/api/generate</c>, where the <c>livepeer</c> SDK sends them.
/// </summary>
public static class AIApi
{
    public const string OpenApiPath = "/openapi.json";

    public static IServiceCollection AddAIGatewayApi(this IServiceCollection services) => services
        .AddSingleton<AIMediaStore>()
        .AddSingleton<AIResponseShaper>()
        .AddSingleton<AIAsyncJobs>();

    public static RouteGroupBuilder MapAIApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("");
        foreach (var prefix in new[] { "", "/api/generate" })
        {
            foreach (var schema in AIRequestSchema.All)
            {
                group.MapPost(prefix + schema.Path, (HttpContext context, IGrainFactory grains, AIResponseShaper shaper, AIAsyncJobs jobs) =>
                    Generate(schema, context, grains, shaper, jobs));
            }
        }
        group.MapPost("/image-to-video/result", ImageToVideoResult);
        group.MapGet(AIResponseShaper.MediaPath + "/{requestId}/{name}", GetMedia);
        group.MapGet(OpenApiPath, () => Results.Text(AIOpenApi.Document, "application/json"));
        return group;
    }

    private static async Task<IResult> Generate(AIRequestSchema schema, HttpContext context, IGrainFactory grains, AIResponseShaper shaper, AIAsyncJobs jobs)
    {
        var request = context.Request;
        var (job, invalid) = await AIRequestReader.ReadAsync(request, schema);
        if (invalid is not null)
            return invalid;
        var baseUrl = $"{request.Scheme}://{request.Host}";
        if (job!.Pipeline == AIPipelines.ImageToVideo && request.Headers["Prefer"].ToString().Contains("respond-async", StringComparison.OrdinalIgnoreCase))
        {
            var requestId = jobs.Start(async () =>
            {
                var (body, error) = await RunAsync(job, grains, shaper, baseUrl, CancellationToken.None);
                return body ?? new JsonObject { ["error"] = new JsonObject { ["message"] = error!.Message } };
            });
            return Results.Json(new { request_id = requestId }, statusCode: StatusCodes.Status202Accepted);
        }
        if (job.Stream)
            return await StreamAsync(job, grains, context);
        var (response, failure) = await RunAsync(job, grains, shaper, baseUrl, context.RequestAborted);
        return response is not null ? Results.Json(response) : AIErrors.Detail(failure!.StatusCode, failure.Message);
    }

    private static async Task<(JsonNode? Body, AIError? Error)> RunAsync(AIJob job, IGrainFactory grains, AIResponseShaper shaper, string baseUrl, CancellationToken cancellationToken)
    {
        var result = await ProcessAsync(job, grains);
        if (result.Error is { } error)
            return (null, error);
        return await shaper.ShapeAsync(job, result.Body!, baseUrl, cancellationToken);
    }

    private static async Task<AIResult> ProcessAsync(AIJob job, IGrainFactory grains)
    {
        try
        {
            return await grains.GetGrain<IAISessionGrain>(AIPipelines.PipelineKey(job.Pipeline, job.ModelId)).Process(job);
        }
        catch (TimeoutException e)
        {
            return AIResult.Failure(StatusCodes.Status504GatewayTimeout, $"{job.Pipeline} {job.ModelId} timed out: {e.Message}");
        }
    }

    /// <summary>
    /// An LLM reply as server-sent events, each forwarded as soon as the runner sent it, one <c>data:</c> line per chunk,
    /// ending with the chunk that carries a <c>finish_reason</c>; <c>[DONE]</c> is not forwarded, as go-livepeer's
    /// gateway (see shared spec: ai.md §2.5). An error before the first event is an ordinary error reply; one after it
    /// ends the stream with the runner's <c>data: {"error": ...}</c> event.
    /// </summary>
    private static async Task<IResult> StreamAsync(AIJob job, IGrainFactory grains, HttpContext context)
    {
        var stream = grains.GetGrain<IAISessionGrain>(AIPipelines.PipelineKey(job.Pipeline, job.ModelId)).ProcessStream(job);
        await using var items = stream.GetAsyncEnumerator(context.RequestAborted);
        var item = await NextAsync(job, items);
        if (item.End is { Error: { } refused })
            return AIErrors.Detail(refused.StatusCode, refused.Message);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        while (true)
        {
            if (item.End is { } end)
            {
                if (end.Error is { } error)
                    await WriteEventAsync(context, JsonSerializer.Serialize(new { error = error.Message }));
                else if (end.Body is { } whole)
                    await WriteEventAsync(context, System.Text.Encoding.UTF8.GetString(whole));
                return Results.Empty;
            }
            await WriteEventAsync(context, item.Data!);
            item = await NextAsync(job, items);
        }
    }

    private static async Task<AIStreamItem> NextAsync(AIJob job, IAsyncEnumerator<AIStreamItem> items)
    {
        try
        {
            return await items.MoveNextAsync()
                ? items.Current
                : AIStreamItem.Ended(AIResult.Failure(StatusCodes.Status502BadGateway, $"{job.Pipeline} {job.ModelId} ended its stream without an outcome"));
        }
        catch (TimeoutException e)
        {
            return AIStreamItem.Ended(AIResult.Failure(StatusCodes.Status504GatewayTimeout, $"{job.Pipeline} {job.ModelId} timed out: {e.Message}"));
        }
    }

    private static async Task WriteEventAsync(HttpContext context, string data)
    {
        await context.Response.WriteAsync($"data: {data}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static async Task<IResult> ImageToVideoResult(HttpRequest request, AIAsyncJobs jobs)
    {
        string? requestId;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            requestId = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("request_id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return AIErrors.Validation("", "JSON decode error", "json_invalid");
        }
        if (requestId is null)
            return AIErrors.Validation("request_id", "Field required", "missing");
        if (jobs.Find(requestId) is not { } result)
            return AIErrors.Detail(StatusCodes.Status404NotFound, $"unknown request_id {requestId}");
        if (!result.IsCompleted)
            return Results.Json(new { status = "processing" }, statusCode: StatusCodes.Status202Accepted);
        return Results.Json(new JsonObject { ["status"] = "complete", ["result"] = (await result).DeepClone() });
    }

    private static IResult GetMedia(string requestId, string name, AIMediaStore store) =>
        store.Find(requestId, name) is { } file ? Results.Bytes(file.Data, file.ContentType) : Results.NotFound();
}
