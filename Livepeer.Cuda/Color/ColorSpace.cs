namespace Livepeer.Cuda.Color;

/// <summary>The YUV matrix of a video stream (ffmpeg's <c>colorspace</c>): SD content uses BT.601, HD BT.709.</summary>
public enum ColorMatrix
{
    Bt601,
    Bt709,
}

/// <summary>Limited (TV, 16..235 luma) or full (PC/JPEG, 0..255) sample range (ffmpeg's <c>color_range</c>).</summary>
public enum ColorRange
{
    Limited,
    Full,
}

/// <summary>How YUV samples map to RGB. The default is BT.601 limited range, ffmpeg's default for untagged video.</summary>
public readonly record struct ColorSpace(ColorMatrix Matrix, ColorRange Range)
{
    /// <summary>The fixed-point coefficients every converter uses, computed once on the CPU.</summary>
    internal ColorCoefficients Coefficients() => ColorCoefficients.For(this);
}
