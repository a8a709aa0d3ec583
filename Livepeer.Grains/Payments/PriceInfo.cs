using System.Numerics;

namespace Livepeer.Payments;

/// <summary>
/// A price of <see cref="PricePerUnit"/> wei per <see cref="PixelsPerUnit"/> pixels, the int64
/// pair carried on the wire. It is kept in lowest terms because go-livepeer holds it as a
/// <c>big.Rat</c> and the recipientRand HMAC binds the reduced numerator and denominator
/// (see shared spec: payments.md §4, §12.1 and §14.3).
/// </summary>
public sealed record PriceInfo
{
    public PriceInfo(long pricePerUnit, long pixelsPerUnit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pricePerUnit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelsPerUnit);
        var gcd = (long)BigInteger.GreatestCommonDivisor(pricePerUnit, pixelsPerUnit);
        PricePerUnit = pricePerUnit / gcd;
        PixelsPerUnit = pixelsPerUnit / gcd;
    }

    public static PriceInfo Free { get; } = new(0, 1);

    public long PricePerUnit { get; }

    public long PixelsPerUnit { get; }

    public bool IsFree => PricePerUnit == 0;

    public BigRational PricePerPixel => new(PricePerUnit, PixelsPerUnit);

    public override string ToString() => $"{PricePerUnit}/{PixelsPerUnit} wei per pixel";
}
