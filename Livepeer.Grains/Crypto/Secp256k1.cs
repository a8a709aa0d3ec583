using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace Livepeer.Crypto;

/// <summary>
/// secp256k1 parameters and the point operations that signing and public-key recovery need,
/// built once: BouncyCastle's custom curve has fast field arithmetic and the GLV endomorphism.
/// </summary>
internal static class Secp256k1
{
    public const int ScalarLength = 32;

    private static readonly ECCurve Curve;
    private static readonly ECPoint G;
    private static readonly FixedPointCombMultiplier BaseMultiplier = new();

    static Secp256k1()
    {
        var parameters = CustomNamedCurves.GetByName("secp256k1");
        Curve = parameters.Curve;
        G = parameters.G;
        N = parameters.N;
        HalfN = N.ShiftRight(1);
    }

    /// <summary>The group order n.</summary>
    public static BigInteger N { get; }

    /// <summary>n / 2 (floor): the largest s a canonical (low-s) signature may carry.</summary>
    public static BigInteger HalfN { get; }

    /// <summary>n / 2 as 32 big-endian bytes, so that the low-s check is a byte comparison.</summary>
    public static ReadOnlySpan<byte> HalfNBytes =>
    [
        0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
    ];

    public static bool IsValidScalar(BigInteger value) => value.SignValue > 0 && value.CompareTo(N) < 0;

    /// <summary>k·G, using a precomputed comb table for the fixed base point.</summary>
    public static ECPoint MultiplyBase(BigInteger k) => BaseMultiplier.Multiply(G, k).Normalize();

    /// <summary>
    /// SEC1 §4.1.6 public-key recovery for recovery ids 0 and 1 (the only ones v = 27/28 can
    /// express): R = (r, y with parity recId), Q = r⁻¹(s·R − e·G). Returns null when no key exists.
    /// </summary>
    public static ECPoint? Recover(ReadOnlySpan<byte> digest, BigInteger r, BigInteger s, int recoveryId)
    {
        if (!IsValidScalar(r) || !IsValidScalar(s))
        {
            return null;
        }

        // r < n < p, so r is always a valid x coordinate candidate; it still needs a square root.
        var x = Curve.FromBigInteger(r);
        var y = x.Square().Multiply(x).Add(Curve.B).Sqrt();
        if (y is null)
        {
            return null;
        }

        if (y.TestBitZero() != (recoveryId == 1))
        {
            y = y.Negate();
        }

        var point = Curve.CreatePoint(x.ToBigInteger(), y.ToBigInteger());
        var e = new BigInteger(1, digest);
        var rInverse = r.ModInverse(N);
        var u1 = N.Subtract(e.Multiply(rInverse).Mod(N)).Mod(N);
        var u2 = s.Multiply(rInverse).Mod(N);

        var q = ECAlgorithms.SumOfTwoMultiplies(G, u1, point, u2).Normalize();
        return q.IsInfinity ? null : q;
    }

    public static EthAddress ToAddress(ECPoint publicKey)
    {
        Span<byte> encoded = stackalloc byte[1 + (2 * ScalarLength)];
        publicKey.EncodeTo(false, encoded);
        return ToAddress(encoded[1..]);
    }

    /// <summary>Ethereum address: the last 20 bytes of keccak256(X ‖ Y) of the uncompressed key.</summary>
    public static EthAddress ToAddress(ReadOnlySpan<byte> publicKeyXY)
    {
        Span<byte> hash = stackalloc byte[Keccak256.HashLength];
        Keccak256.Hash(publicKeyXY, hash);
        return EthAddress.FromBytes(hash[^EthAddress.Length..]);
    }

    /// <summary>Writes <paramref name="value"/> (in [0, 2^256)) as big-endian bytes filling <paramref name="destination"/>.</summary>
    public static void WriteScalar(BigInteger value, Span<byte> destination)
    {
        var length = value.GetLengthofByteArrayUnsigned();
        destination[..^length].Clear();
        value.ToByteArrayUnsigned(destination[^length..]);
    }
}
