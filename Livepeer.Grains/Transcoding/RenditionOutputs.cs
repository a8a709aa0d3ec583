namespace Livepeer.Transcoding;

/// <summary>
/// What every engine does with the files it encoded: go-livepeer's output checks (see shared spec: network.md §12)
/// and the encoded pixel count the orchestrator bills for.
/// </summary>
internal static class RenditionOutputs
{
    /// <summary>go-livepeer treats a rendition under this many bytes as empty.</summary>
    public const int MinBytes = 25;

    /// <summary>Reads one encoded rendition and counts its pixels: width × height × output frames.</summary>
    /// <param name="sourceFrames">Video frames decoded from the source.</param>
    /// <exception cref="TranscodeException">The rendition is missing or under <see cref="MinBytes"/> bytes.</exception>
    public static Rendition Read(VideoProfile profile, string path, long sourceFrames, double sourceFrameRate)
    {
        var data = File.Exists(path) ? File.ReadAllBytes(path) : [];
        if (data.Length < MinBytes)
            throw new TranscodeException(TranscodeErrorKind.Internal, $"rendition {profile.Name} is empty ({data.Length} bytes)");
        // A fixed output rate resamples the frames; pass-through keeps them all.
        var frames = profile.Fps > 0
            ? (long)Math.Round(sourceFrames * ((double)profile.Fps / profile.FpsDen) / sourceFrameRate)
            : sourceFrames;
        return new Rendition(profile.Name, profile.Width, profile.Height, profile.FramePixels * frames, data);
    }

    /// <summary>One rendition per profile, in profile order, as go-livepeer demands of a transcoder's result.</summary>
    /// <exception cref="TranscodeException">The counts or names differ.</exception>
    public static TranscodedSegment Verify(SourceSegment segment, IReadOnlyList<VideoProfile> profiles, IReadOnlyList<Rendition> renditions)
    {
        if (renditions.Count != profiles.Count)
            throw new TranscodeException(TranscodeErrorKind.Internal, $"{renditions.Count} renditions for {profiles.Count} profiles");
        for (var i = 0; i < profiles.Count; i++)
        {
            if (renditions[i].ProfileName != profiles[i].Name)
                throw new TranscodeException(TranscodeErrorKind.Internal, $"rendition {i} is {renditions[i].ProfileName}, expected {profiles[i].Name}");
        }

        return new TranscodedSegment(segment.SeqNo, segment.Duration, renditions);
    }
}
