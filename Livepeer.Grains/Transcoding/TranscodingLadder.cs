using Livepeer.Node;
using Microsoft.Extensions.Options;

namespace Livepeer.Transcoding;

/// <summary>The node's transcoding profiles, parsed once from <see cref="NodeOptions.TranscodingOptions"/>.</summary>
public sealed class TranscodingLadder(IOptions<NodeOptions> options)
{
    private readonly Lazy<IReadOnlyList<VideoProfile>> _profiles = new(() => Parse(options.Value.TranscodingOptions));

    public IReadOnlyList<VideoProfile> Profiles => _profiles.Value;

    private static IReadOnlyList<VideoProfile> Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return VideoProfiles.BenchmarkLadder;
        // Like go-livepeer, a value that is not a preset list or inline JSON names a JSON file.
        return value.TrimStart().StartsWith('[') || !File.Exists(value)
            ? VideoProfiles.Parse(value)
            : VideoProfiles.ParseJson(File.ReadAllText(value));
    }
}
