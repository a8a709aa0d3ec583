using System.Globalization;
using Livepeer.Broadcast;
using Livepeer.Transcoding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Livepeer.GatewayApi.Apis;

/// <summary>go-livepeer's HTTP push ingest: <c>POST|PUT /live/{manifestID}/{seq}.ts|.mp4</c> (see shared spec: network.md §15.3).</summary>
public static class LiveIngestApi
{
    /// <summary>go-livepeer's MaxSegSize: 300 s at 1 MB/s.</summary>
    public const long MaxSegmentBytes = 300_000_000;

    private static readonly TimeSpan DefaultDuration = TimeSpan.FromMilliseconds(2000);

    public static RouteGroupBuilder MapLiveIngestApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/live");
        group.MapMethods("/{manifestId}/{segmentName}", [HttpMethods.Post, HttpMethods.Put], PushSegment);
        return group;
    }

    private static async Task<IResult> PushSegment(string manifestId, string segmentName, HttpRequest request, IGrainFactory grains)
    {
        if (!ManifestId.IsValid(manifestId))
            return Results.Text($"invalid manifest ID '{manifestId}'", statusCode: StatusCodes.Status400BadRequest);
        if (!SegmentName.TryParse(segmentName, out var name, out var nameError))
            return Results.Text(nameError, statusCode: StatusCodes.Status400BadRequest);
        if (!TryParseDuration(request.Headers["Content-Duration"], out var duration))
            return Results.Text("invalid Content-Duration; expected milliseconds", statusCode: StatusCodes.Status400BadRequest);

        var body = await ReadBodyAsync(request);
        if (body is null)
            return Results.Text($"segment larger than {MaxSegmentBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);
        if (body.Length == 0)
            return Results.Text("empty segment", statusCode: StatusCodes.Status422UnprocessableEntity);

        var segment = new SourceSegment(manifestId, name.SeqNo, name.Format, duration, body);
        // A retried push pays again with fresh tickets: a nonce is never reused, at worst one segment is paid twice.
        var session = grains.GetGrain<IBroadcastSessionGrain>(manifestId);
        var outcome = await GrainCallResilience.Pipeline.ExecuteAsync(
            async _ => await session.PushSegment(segment), request.HttpContext.RequestAborted);
        if (outcome.Error is { } error)
        {
            // As go-livepeer: 422 for a segment that cannot be transcoded, 503 with no orchestrator to take it,
            // 500 for everything the node got wrong.
            var status = error.Kind switch
            {
                TranscodeErrorKind.InvalidInput => StatusCodes.Status422UnprocessableEntity,
                TranscodeErrorKind.NoOrchestrators => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            };
            return Results.Text(error.Message, statusCode: status);
        }
        var transcoded = outcome.Segment!;
        return AcceptsMultipart(request)
            ? new MultipartRenditionsResult(transcoded, name.Format)
            : Results.Ok();
    }

    private static bool TryParseDuration(string? header, out TimeSpan duration)
    {
        duration = DefaultDuration;
        if (string.IsNullOrEmpty(header))
            return true;
        if (!long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms is <= 0 or > 300_000)
            return false;
        duration = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    /// <summary>Reads the whole body, or returns null when it exceeds <see cref="MaxSegmentBytes"/>.</summary>
    internal static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxSegmentBytes;
        if (request.ContentLength > MaxSegmentBytes)
            return null;
        // A claimed length only sizes the first buffer, up to 16 MiB: a client cannot make us reserve 300 MB with a header.
        using var buffer = new MemoryStream((int)Math.Min(request.ContentLength ?? 1 << 20, 16 << 20));
        try
        {
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }

    private static bool AcceptsMultipart(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("multipart/mixed", StringComparison.OrdinalIgnoreCase) == true);
}
