namespace Livepeer.Cuda.Color;

/// <summary>
/// YUV↔RGB in 16-bit fixed point, computed on the CPU and passed to the kernels by value. Integer math is what makes
/// the CPU path and the GPU kernels agree bit for bit (see <see cref="ColorMath"/>).
/// </summary>
internal readonly record struct ColorCoefficients(
    int YOffset,
    int YToRgb,
    int VToR,
    int UToG,
    int VToG,
    int UToB,
    int RToY,
    int GToY,
    int BToY,
    int RToU,
    int GToU,
    int BToU,
    int RToV,
    int GToV,
    int BToV)
{
    public const int Shift = 16;
    public const int Half = 1 << (Shift - 1);

    public static ColorCoefficients For(ColorSpace space)
    {
        var (kr, kb) = space.Matrix == ColorMatrix.Bt709 ? (0.2126, 0.0722) : (0.299, 0.114);
        var kg = 1 - kr - kb;
        var full = space.Range == ColorRange.Full;
        // Limited range squeezes luma into 16..235 (219 steps) and chroma into 16..240 (224 steps).
        var lumaScale = full ? 1.0 : 219.0 / 255.0;
        var chromaScale = full ? 1.0 : 224.0 / 255.0;
        const double one = 1 << Shift;
        int Fixed(double value) => (int)Math.Round(value * one);

        return new ColorCoefficients(
            YOffset: full ? 0 : 16,
            YToRgb: Fixed(1 / lumaScale),
            VToR: Fixed(2 * (1 - kr) / chromaScale),
            UToG: Fixed(2 * kb * (1 - kb) / kg / chromaScale),
            VToG: Fixed(2 * kr * (1 - kr) / kg / chromaScale),
            UToB: Fixed(2 * (1 - kb) / chromaScale),
            RToY: Fixed(kr * lumaScale),
            GToY: Fixed(kg * lumaScale),
            BToY: Fixed(kb * lumaScale),
            RToU: Fixed(-kr / (2 * (1 - kb)) * chromaScale),
            GToU: Fixed(-kg / (2 * (1 - kb)) * chromaScale),
            BToU: Fixed(0.5 * chromaScale),
            RToV: Fixed(0.5 * chromaScale),
            GToV: Fixed(-kg / (2 * (1 - kr)) * chromaScale),
            BToV: Fixed(-kb / (2 * (1 - kr)) * chromaScale));
    }
}
