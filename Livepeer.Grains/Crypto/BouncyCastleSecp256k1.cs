using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Signers;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Livepeer.Crypto;

/// <summary>The managed backend: ECDSA and recovery over BouncyCastle's curve arithmetic (<see cref="Secp256k1"/>).</summary>
internal sealed class BouncyCastleSecp256k1 : Secp256k1Backend
{
    public static BouncyCastleSecp256k1 Instance { get; } = new();

    public override string Name => "BouncyCastle";

    /// <summary>
    /// ECDSA written out over BouncyCastle's curve math because its ECDsaSigner hides the point R, whose y parity is
    /// the recovery id Ethereum needs.
    /// </summary>
    internal override int Sign(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> privateKey, Span<byte> compact)
    {
        var n = Secp256k1.N;
        var d = new BigInteger(1, privateKey);
        var e = new BigInteger(1, digest);
        var nonces = new HMacDsaKCalculator(new Sha256Digest());
        nonces.Init(n, d, digest.ToArray());

        while (true)
        {
            var k = nonces.NextK();
            var point = Secp256k1.MultiplyBase(k);
            var x = point.AffineXCoord.ToBigInteger();

            // x >= n would need recovery id 2 or 3, which v = 27/28 cannot carry (odds ~2^-128):
            // take the next RFC 6979 nonce instead.
            if (x.CompareTo(n) >= 0)
            {
                continue;
            }

            var r = x;
            var s = k.ModInverse(n).Multiply(e.Add(d.Multiply(r))).Mod(n);
            if (r.SignValue == 0 || s.SignValue == 0)
            {
                continue;
            }

            var recoveryId = point.AffineYCoord.TestBitZero() ? 1 : 0;

            // Low-s normalisation: (r, n − s) is the same signature for the negated R.
            if (s.CompareTo(Secp256k1.HalfN) > 0)
            {
                s = n.Subtract(s);
                recoveryId ^= 1;
            }

            Secp256k1.WriteScalar(r, compact[..32]);
            Secp256k1.WriteScalar(s, compact[32..64]);
            return recoveryId;
        }
    }

    internal override bool TryRecover(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> compact, int recoveryId, Span<byte> publicKey)
    {
        var point = Secp256k1.Recover(digest, new BigInteger(1, compact[..32]), new BigInteger(1, compact[32..64]), recoveryId);
        if (point is null)
        {
            return false;
        }

        Span<byte> encoded = stackalloc byte[1 + PublicKeyLength];
        point.EncodeTo(false, encoded);
        encoded[1..].CopyTo(publicKey);
        return true;
    }
}
