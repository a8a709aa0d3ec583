using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Livepeer.Transcoding;

/// <summary>go-livepeer's preset profiles and the <c>livepeer_bench</c> ladder (see shared spec: network.md §15.5).</summary>
public static class VideoProfiles
{
    public static readonly IReadOnlyDictionary<string, VideoProfile> Presets = new Dictionary<string, VideoProfile>(StringComparer.Ordinal)
    {
        ["P720p60fps16x9"] = new("P720p60fps16x9", 1280, 720, 6_000_000, 60),
        ["P720p30fps16x9"] = new("P720p30fps16x9", 1280, 720, 4_000_000, 30),
        ["P720p25fps16x9"] = new("P720p25fps16x9", 1280, 720, 3_500_000, 25),
        ["P720p30fps4x3"] = new("P720p30fps4x3", 960, 720, 3_500_000, 30),
        ["P576p30fps16x9"] = new("P576p30fps16x9", 1024, 576, 1_500_000, 30),
        ["P576p25fps16x9"] = new("P576p25fps16x9", 1024, 576, 1_500_000, 25),
        ["P360p30fps16x9"] = new("P360p30fps16x9", 640, 360, 1_200_000, 30),
        ["P360p25fps16x9"] = new("P360p25fps16x9", 640, 360, 1_000_000, 25),
        ["P360p30fps4x3"] = new("P360p30fps4x3", 480, 360, 1_000_000, 30),
        ["P240p30fps16x9"] = new("P240p30fps16x9", 426, 240, 600_000, 30),
        ["P240p25fps16x9"] = new("P240p25fps16x9", 426, 240, 600_000, 25),
        ["P240p30fps4x3"] = new("P240p30fps4x3", 320, 240, 600_000, 30),
        ["P144p30fps16x9"] = new("P144p30fps16x9", 256, 144, 400_000, 30),
        ["P144p25fps16x9"] = new("P144p25fps16x9", 256, 144, 400_000, 25),
    };

    /// <summary>
    /// The 4-rung ladder of go-livepeer's <c>cmd/livepeer_bench/transcodingOptions.json</c>: pass-through fps,
    /// constrained high, one-second GOP. It is the node's default ladder.
    /// </summary>
    public static readonly IReadOnlyList<VideoProfile> BenchmarkLadder =
    [
        new("240p0", 426, 240, 250_000, 0, 1, EncoderProfile.H264ConstrainedHigh, 1),
        new("360p0", 640, 360, 800_000, 0, 1, EncoderProfile.H264ConstrainedHigh, 1),
        new("480p0", 854, 480, 1_600_000, 0, 1, EncoderProfile.H264ConstrainedHigh, 1),
        new("720p0", 1280, 720, 3_000_000, 0, 1, EncoderProfile.H264ConstrainedHigh, 1),
    ];

    /// <summary>
    /// Parses go-livepeer's <c>-transcodingOptions</c> value: a comma-separated preset list, or a JSON array of profiles.
    /// </summary>
    /// <exception cref="FormatException">An unknown preset or a malformed profile, with the reason.</exception>
    public static IReadOnlyList<VideoProfile> Parse(string transcodingOptions)
    {
        var text = transcodingOptions.Trim();
        if (text.StartsWith('['))
            return ParseJson(text);
        var profiles = new List<VideoProfile>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Presets.TryGetValue(name, out var preset))
                throw new FormatException($"unknown transcoding preset '{name}'");
            profiles.Add(preset);
        }
        return profiles.Count > 0 ? profiles : throw new FormatException("no transcoding profiles given");
    }

    /// <summary>Parses a JSON array in lpms' <c>JsonProfile</c> shape.</summary>
    public static IReadOnlyList<VideoProfile> ParseJson(string json)
    {
        JsonProfile[]? items;
        try
        {
            items = JsonSerializer.Deserialize<JsonProfile[]>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"invalid transcoding profiles JSON: {e.Message}", e);
        }
        if (items is null || items.Length == 0)
            throw new FormatException("no transcoding profiles given");
        return items.Select(ToProfile).ToList();
    }

    private static VideoProfile ToProfile(JsonProfile p)
    {
        if (p.Width <= 0 || p.Height <= 0 || p.Width > MaxDimension || p.Height > MaxDimension)
            throw new FormatException($"invalid profile resolution {p.Width}x{p.Height}");
        if (p.Bitrate <= 0)
            throw new FormatException($"invalid profile bitrate {p.Bitrate}");
        if (p.Fps < 0 || p.FpsDen < 0)
            throw new FormatException("invalid profile frame rate");
        if (!string.IsNullOrEmpty(p.Encoder) && p.Encoder != "H.264")
            throw new FormatException($"unsupported encoder '{p.Encoder}'");
        var name = string.IsNullOrWhiteSpace(p.Name) ? $"custom_{p.Width}x{p.Height}_{p.Bitrate}" : p.Name;
        return new VideoProfile(name, p.Width, p.Height, p.Bitrate, p.Fps, p.FpsDen == 0 ? 1 : p.FpsDen,
            ParseEncoderProfile(p.Profile), ParseGop(p.Gop));
    }

    public const int MaxDimension = 8192;

    private static EncoderProfile ParseEncoderProfile(string? profile) => profile?.ToLowerInvariant() switch
    {
        null or "" or "none" => EncoderProfile.None,
        "h264baseline" => EncoderProfile.H264Baseline,
        "h264main" => EncoderProfile.H264Main,
        "h264high" => EncoderProfile.H264High,
        "h264constrainedhigh" => EncoderProfile.H264ConstrainedHigh,
        _ => throw new FormatException($"unknown encoder profile '{profile}'"),
    };

    private static double? ParseGop(string? gop)
    {
        if (string.IsNullOrEmpty(gop))
            return null;
        if (gop == "intra")
            return 0;
        return double.TryParse(gop, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : throw new FormatException($"invalid gop '{gop}'");
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    private sealed record JsonProfile(
        string? Name, int Width, int Height, int Bitrate, int Fps, int FpsDen, string? Profile, string? Gop, string? Encoder);
}
