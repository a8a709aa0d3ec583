namespace Livepeer.Transcoding;

/// <summary>Which engine a node transcodes with (<c>Node:TranscodeEngine</c>, <c>--transcodeEngine</c>).</summary>
public enum TranscodeEngine
{
    /// <summary>Measure both at start-up on a short 1080p clip with the node's ladder and use the faster.</summary>
    Auto,

    /// <summary><see cref="FrameTranscoder"/>: ffmpeg decode, Livepeer.Cuda scaling (CUDA or SIMD), libx264.</summary>
    Frames,

    /// <summary><see cref="FilterGraphTranscoder"/>: one ffmpeg filter graph.</summary>
    Ffmpeg,
}
