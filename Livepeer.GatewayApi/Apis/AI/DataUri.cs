namespace Livepeer.GatewayApi.Apis.AI;

/// <summary>RFC 2397 <c>data:</c> URIs with base64 content, as ai-runner returns media.</summary>
public static class DataUri
{
    public static (string ContentType, byte[] Data) Decode(string uri)
    {
        var comma = uri.IndexOf(',', StringComparison.Ordinal);
        if (!uri.StartsWith("data:", StringComparison.Ordinal) || comma < 0)
            throw new FormatException("not a data URI");
        var header = uri[5..comma];
        if (!header.EndsWith(";base64", StringComparison.Ordinal))
            throw new FormatException("data URI is not base64");
        var contentType = header[..^";base64".Length];
        return (contentType.Length == 0 ? "application/octet-stream" : contentType, Convert.FromBase64String(uri[(comma + 1)..]));
    }

    public static string Encode(string contentType, byte[] data) => $"data:{contentType};base64,{Convert.ToBase64String(data)}";

    public static string Extension(string contentType) => contentType switch
    {
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/webp" => ".webp",
        "video/mp4" => ".mp4",
        "audio/wav" or "audio/x-wav" => ".wav",
        "audio/mpeg" => ".mp3",
        _ => ".bin",
    };
}
