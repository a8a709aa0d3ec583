namespace Livepeer.Cuda.Scaling;

/// <summary>How frames are resampled (the node's <c>Node:ScaleFilter</c>).</summary>
public enum ScaleFilter
{
    /// <summary>
    /// Area averaging when shrinking, bilinear when enlarging (ffmpeg's <c>flags=area</c>): no aliasing on the big
    /// ratios of a ladder (1080p → 240p is 4.5:1). The default.
    /// </summary>
    Area,

    /// <summary>Two taps per axis: the cheapest filter, which aliases fine detail on ratios above 2:1.</summary>
    Bilinear,
}
