using Livepeer.Transcoding;

namespace Livepeer.Net;

/// <summary>go-livepeer's capability IDs used by video transcoding (see shared spec: network.md §14).</summary>
public enum Capability
{
    H264 = 0,
    MpegTs = 1,
    Mp4 = 2,
    FractionalFramerates = 3,
    StorageDirect = 4,
    ProfileH264Baseline = 7,
    ProfileH264Main = 8,
    ProfileH264High = 9,
    ProfileH264ConstrainedHigh = 10,
    Gop = 11,
    AuthToken = 12,
}

/// <summary>
/// Capability bitstrings (bit <c>c % 64</c> of word <c>c / 64</c>) and go-livepeer's compatibility rule for video:
/// O's mandatories are all in B's set, and B's set is all in O's (see shared spec: network.md §14).
/// </summary>
public static class CapabilitySet
{
    public const string Version = "0.9.1";

    /// <summary>
    /// What this orchestrator sells: H.264 in the given containers (both when none is given) with any profile and GOP;
    /// auth tokens required.
    /// </summary>
    public static Capabilities Orchestrator(IReadOnlyCollection<SegmentFormat>? formats = null)
    {
        formats ??= [SegmentFormat.MpegTs, SegmentFormat.Mp4];
        var caps = Build([Capability.H264, .. formats.Select(FormatCapability), Capability.FractionalFramerates, Capability.StorageDirect,
            Capability.ProfileH264Baseline, Capability.ProfileH264Main, Capability.ProfileH264High, Capability.ProfileH264ConstrainedHigh,
            Capability.Gop, Capability.AuthToken]);
        caps.Mandatories.Add(Bits([Capability.AuthToken]));
        return caps;
    }

    /// <summary>
    /// Parses <c>Node:SegmentFormats</c>: a comma-separated list of <c>mpegts</c> and <c>mp4</c> (case-insensitive);
    /// an unknown or empty list is a configuration error with the value in its message.
    /// </summary>
    public static IReadOnlyCollection<SegmentFormat> ParseFormats(string value)
    {
        var formats = new HashSet<SegmentFormat>();
        foreach (var name in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            formats.Add(name.ToLowerInvariant() switch
            {
                "mpegts" or "ts" => SegmentFormat.MpegTs,
                "mp4" => SegmentFormat.Mp4,
                _ => throw new ArgumentException($"segment format '{name}' in '{value}' is not mpegts or mp4", nameof(value)),
            });
        }
        return formats.Count > 0 ? formats : throw new ArgumentException("no segment format given; expected mpegts, mp4 or both", nameof(value));
    }

    /// <summary>What a gateway's job needs (go-livepeer's <c>JobCapabilities</c>) for these profiles and format.</summary>
    public static Capabilities Job(IReadOnlyList<Transcoding.VideoProfile> profiles, SegmentFormat format)
    {
        var needed = new List<Capability> { Capability.H264, Capability.AuthToken, FormatCapability(format) };
        foreach (var profile in profiles)
        {
            needed.Add(profile.Profile switch
            {
                EncoderProfile.H264Baseline => Capability.ProfileH264Baseline,
                EncoderProfile.H264Main => Capability.ProfileH264Main,
                EncoderProfile.H264High => Capability.ProfileH264High,
                EncoderProfile.H264ConstrainedHigh => Capability.ProfileH264ConstrainedHigh,
                _ => Capability.H264,
            });
            if (profile.GopSeconds is not null)
                needed.Add(Capability.Gop);
            if (profile.FpsDen > 1)
                needed.Add(Capability.FractionalFramerates);
        }
        return Build([.. needed.Distinct()]);
    }

    /// <summary>go-livepeer's <c>CompatibleWith</c> for bitstrings; an O without capabilities is legacy and takes only legacy jobs.</summary>
    public static bool IsCompatible(Capabilities? orchestrator, Capabilities? job)
    {
        var jobBits = job?.Bitstring ?? Legacy().Bitstring;
        var orchestratorBits = orchestrator?.Bitstring ?? Legacy().Bitstring;
        var mandatories = orchestrator?.Mandatories ?? [];
        return Contains(jobBits, mandatories) && Contains(orchestratorBits, jobBits);
    }

    private static Capability FormatCapability(SegmentFormat format) => format == SegmentFormat.Mp4 ? Capability.Mp4 : Capability.MpegTs;

    private static Capabilities Legacy() => Build(Capability.H264, Capability.MpegTs, Capability.ProfileH264Baseline,
        Capability.ProfileH264Main, Capability.ProfileH264High, Capability.ProfileH264ConstrainedHigh, Capability.Gop);

    private static Capabilities Build(params Capability[] capabilities)
    {
        var caps = new Capabilities { Version = Version };
        caps.Bitstring.Add(Bits(capabilities));
        return caps;
    }

    private static ulong[] Bits(IEnumerable<Capability> capabilities)
    {
        var words = new ulong[1];
        foreach (var c in capabilities)
            words[(int)c / 64] |= 1UL << ((int)c % 64);
        return words;
    }

    /// <summary>True when every bit of <paramref name="subset"/> is set in <paramref name="set"/>.</summary>
    private static bool Contains(IList<ulong> set, IList<ulong> subset)
    {
        for (var i = 0; i < subset.Count; i++)
        {
            var word = i < set.Count ? set[i] : 0;
            if ((subset[i] & word) != subset[i])
                return false;
        }
        return true;
    }
}
