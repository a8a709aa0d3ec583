using System.Globalization;
using Livepeer.Transcoding;

namespace Livepeer.GatewayApi.Apis;

/// <summary>The last path element of an HTTP push, <c>{seq}.ts</c> or <c>{seq}.mp4</c> (see shared spec: network.md §15.3).</summary>
public readonly record struct SegmentName(long SeqNo, SegmentFormat Format)
{
    public static bool TryParse(string value, out SegmentName name, out string error)
    {
        name = default;
        var dot = value.LastIndexOf('.');
        if (dot <= 0)
        {
            error = $"segment name '{value}' has no extension; expected {{seq}}.ts or {{seq}}.mp4";
            return false;
        }
        SegmentFormat? format = value[(dot + 1)..] switch
        {
            "ts" => SegmentFormat.MpegTs,
            "mp4" => SegmentFormat.Mp4,
            _ => null,
        };
        if (format is null)
        {
            error = $"unsupported segment extension '{value[dot..]}'; expected .ts or .mp4";
            return false;
        }
        if (!long.TryParse(value[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            error = $"invalid segment sequence number '{value[..dot]}'";
            return false;
        }
        name = new SegmentName(seq, format.Value);
        error = "";
        return true;
    }
}
