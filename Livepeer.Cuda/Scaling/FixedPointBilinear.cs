namespace Livepeer.Cuda.Scaling;

/// <summary>
/// The integer arithmetic every scaler shares. Keeping it in integers (no floating point) is what makes the
/// SIMD, ILGPU-CPU and CUDA outputs bit-identical.
/// </summary>
/// <remarks>
/// A source position is kept in units of 1/<see cref="One"/> sample. A destination sample is
/// <c>(Σ p[i,j] * wy[i] * wx[j] + <see cref="RoundingBias"/>) &gt;&gt; <see cref="OutputShift"/></c> over its 2×2
/// neighbours, with each axis' two weights summing to <see cref="One"/>. Because that sum is an exact integer,
/// blending rows first and columns second (SIMD, tables) and computing each pixel on its own (kernel) agree.
/// Bounds: a row blend is at most 255·2^11, a full blend at most 255·2^22 + 2^21 &lt; 2^31, so int32 is enough.
/// Everything here must stay callable from an ILGPU kernel: no BCL calls, no allocations, int math only.
/// </remarks>
internal static class FixedPointBilinear
{
    public const int WeightBits = 11;
    public const int One = 1 << WeightBits;
    public const int FractionMask = One - 1;
    public const int OutputShift = 2 * WeightBits;
    public const int RoundingBias = 1 << (OutputShift - 1);

    /// <summary>
    /// Position of destination sample <paramref name="dst"/> in source coordinates, in 1/<see cref="One"/> units,
    /// rounded to nearest and clamped to [0, (srcSize - 1)·One].
    /// </summary>
    /// <remarks>
    /// (dst + 0.5)·S/D − 0.5 = ((2·dst + 1)·S − D) / 2D. The integer and fractional parts are divided separately
    /// so every intermediate fits in int32 for sizes up to 8192 (64-bit division is slow on GPUs).
    /// </remarks>
    public static int SourcePosition(int dst, int srcSize, int dstSize)
    {
        var twiceDst = 2 * dstSize;
        var numerator = ((2 * dst) + 1) * srcSize - dstSize;
        if (numerator <= 0)
        {
            return 0;
        }

        var whole = numerator / twiceDst;
        var remainder = numerator - (whole * twiceDst);
        var position = (whole << WeightBits) + (((remainder << WeightBits) + dstSize) / twiceDst);
        var last = (srcSize - 1) << WeightBits;
        return position > last ? last : position;
    }

    /// <summary>
    /// The bilinear blend of the 2×2 neighbours p{row}{column} (p00 p01 on the upper row, p10 p11 on the lower)
    /// at fractions fx, fy in 1/<see cref="One"/> units: columns blended vertically first, then horizontally,
    /// the same order as the SIMD path.
    /// </summary>
    public static int Blend(int p00, int p01, int p10, int p11, int fx, int fy)
    {
        var left = (p00 << WeightBits) + ((p10 - p00) * fy);
        var right = (p01 << WeightBits) + ((p11 - p01) * fy);
        return ((left << WeightBits) + ((right - left) * fx) + RoundingBias) >> OutputShift;
    }
}
