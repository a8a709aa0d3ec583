namespace Livepeer.Cuda.Color;

/// <summary>
/// Per-sample colour arithmetic shared by the CPU converter and the ILGPU kernels: written once, int math only,
/// no BCL calls, so it compiles to PTX and gives the same bytes everywhere.
/// </summary>
/// <remarks>
/// Chroma of a 4:2:0 frame is upsampled by replication (each chroma sample serves its 2×2 luma block) and
/// downsampled by averaging the 2×2 block's RGB first; both match the 2×2 footprint the chroma sample stands for.
/// Bounds: |coefficient| &lt; 2^18 and |sample| ≤ 255, so every sum fits int32.
/// </remarks>
internal static class ColorMath
{
    public static int Clamp(int value) => value < 0 ? 0 : value > 255 ? 255 : value;

    public static int Red(int y, int v, ColorCoefficients c) =>
        Clamp(((c.YToRgb * (y - c.YOffset)) + (c.VToR * (v - 128)) + ColorCoefficients.Half) >> ColorCoefficients.Shift);

    public static int Green(int y, int u, int v, ColorCoefficients c) =>
        Clamp(((c.YToRgb * (y - c.YOffset)) - (c.UToG * (u - 128)) - (c.VToG * (v - 128)) + ColorCoefficients.Half) >> ColorCoefficients.Shift);

    public static int Blue(int y, int u, ColorCoefficients c) =>
        Clamp(((c.YToRgb * (y - c.YOffset)) + (c.UToB * (u - 128)) + ColorCoefficients.Half) >> ColorCoefficients.Shift);

    public static int Luma(int r, int g, int b, ColorCoefficients c) =>
        Clamp(c.YOffset + (((c.RToY * r) + (c.GToY * g) + (c.BToY * b) + ColorCoefficients.Half) >> ColorCoefficients.Shift));

    /// <summary>U from RGB sums over <paramref name="count"/> pixels (the 2×2 block, fewer at odd edges).</summary>
    public static int ChromaU(int r, int g, int b, int count, ColorCoefficients c) =>
        Clamp(128 + Divide((c.RToU * r) + (c.GToU * g) + (c.BToU * b), count));

    public static int ChromaV(int r, int g, int b, int count, ColorCoefficients c) =>
        Clamp(128 + Divide((c.RToV * r) + (c.GToV * g) + (c.BToV * b), count));

    /// <summary>Rounds sum / (count · 2^Shift) to nearest; count is 1, 2 or 4. Sums of 4 pixels stay below 2^31.</summary>
    private static int Divide(int sum, int count)
    {
        var shift = ColorCoefficients.Shift + (count == 4 ? 2 : count == 2 ? 1 : 0);
        return (sum + (1 << (shift - 1))) >> shift;
    }
}
