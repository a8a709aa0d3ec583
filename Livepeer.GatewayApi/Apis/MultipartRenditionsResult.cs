using System.Net.Http.Headers;
using Livepeer.Transcoding;
using Microsoft.AspNetCore.Http;

namespace Livepeer.GatewayApi.Apis;

/// <summary>
/// go-livepeer's HTTP push response for <c>Accept: multipart/mixed</c>: one part per rendition with
/// <c>Content-Type</c> (with <c>name</c>), <c>Content-Length</c>, <c>Content-Disposition</c> and <c>Rendition-Name</c>
/// (see shared spec: network.md §15.3).
/// </summary>
public sealed class MultipartRenditionsResult(TranscodedSegment segment, SegmentFormat format) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var multipart = new MultipartContent("mixed", "livepeer-" + Guid.NewGuid().ToString("N"));
        var extension = EncoderArguments.FileExtension(format);
        foreach (var rendition in segment.Renditions)
        {
            var fileName = $"{rendition.ProfileName}_{segment.SeqNo}{extension}";
            var part = new ByteArrayContent(rendition.Data);
            part.Headers.ContentType = new MediaTypeHeaderValue(EncoderArguments.ContentType(format))
            {
                Parameters = { new NameValueHeaderValue("name", $"\"{fileName}\"") },
            };
            part.Headers.ContentLength = rendition.Data.Length;
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"\"{fileName}\"" };
            part.Headers.Add("Rendition-Name", rendition.ProfileName);
            multipart.Add(part);
        }
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = multipart.Headers.ContentType!.ToString();
        await multipart.CopyToAsync(response.Body, httpContext.RequestAborted);
    }
}
