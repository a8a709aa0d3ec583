using System.Numerics;

namespace Livepeer.Grains.Tests.Crypto;

internal static class SignatureTestData
{
    public static readonly BigInteger CurveOrder = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141",
        System.Globalization.NumberStyles.HexNumber);

    public static readonly BigInteger HalfCurveOrder = CurveOrder / 2;

    public static BigInteger ReadS(ReadOnlySpan<byte> signature) =>
        new(signature[32..64], isUnsigned: true, isBigEndian: true);

    /// <summary>The malleable twin (r, n − s, v flipped) of a valid signature.</summary>
    public static byte[] FlipS(byte[] signature)
    {
        var flipped = (byte[])signature.Clone();
        var highS = CurveOrder - ReadS(signature);
        flipped.AsSpan(32, 32).Clear();
        highS.TryWriteBytes(flipped.AsSpan(32 + 32 - highS.GetByteCount(isUnsigned: true), highS.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        flipped[64] = (byte)(flipped[64] == 27 ? 28 : 27);
        return flipped;
    }
}
