using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Signers;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Livepeer.Crypto;

/// <summary>
/// A secp256k1 private key that produces Ethereum personal_sign signatures: deterministic
/// RFC 6979 nonces, low s, v = 27/28 (see shared spec: payments.md §3.1 and §14.5).
/// </summary>
public sealed class EthKey
{
    private readonly BigInteger d;

    private EthKey(BigInteger d)
    {
        this.d = d;
        Address = Secp256k1.ToAddress(Secp256k1.MultiplyBase(d));
    }

    public EthAddress Address { get; }

    /// <summary>Draws a new key from the operating system's CSPRNG.</summary>
    public static EthKey Generate()
    {
        Span<byte> buffer = stackalloc byte[Secp256k1.ScalarLength];
        try
        {
            while (true)
            {
                RandomNumberGenerator.Fill(buffer);
                var candidate = new BigInteger(1, buffer);
                if (Secp256k1.IsValidScalar(candidate))
                {
                    return new EthKey(candidate);
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    public static EthKey FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != Secp256k1.ScalarLength)
        {
            throw new ArgumentException($"a private key is {Secp256k1.ScalarLength} bytes, got {privateKey.Length}", nameof(privateKey));
        }

        var candidate = new BigInteger(1, privateKey);
        return Secp256k1.IsValidScalar(candidate)
            ? new EthKey(candidate)
            : throw new ArgumentException("a private key must lie in [1, n-1]", nameof(privateKey));
    }

    /// <summary>Parses 64 hex digits with an optional 0x prefix.</summary>
    public static EthKey FromHex(string hex)
    {
        var bytes = HexEncoding.DecodeExact(hex, Secp256k1.ScalarLength, "private key");
        try
        {
            return FromPrivateKey(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The 32-byte big-endian private key, for persisting it.</summary>
    public byte[] PrivateKeyBytes()
    {
        var bytes = new byte[Secp256k1.ScalarLength];
        d.ToByteArrayUnsigned(bytes.AsSpan(Secp256k1.ScalarLength - d.GetLengthofByteArrayUnsigned()));
        return bytes;
    }

    /// <summary>
    /// personal_sign: signs keccak256("\x19Ethereum Signed Message:\n" + len + message). Tickets
    /// pass the raw 32-byte ticket hash here.
    /// </summary>
    public byte[] SignPersonal(ReadOnlySpan<byte> message)
    {
        Span<byte> digest = stackalloc byte[Keccak256.HashLength];
        EthSignature.PersonalDigest(message, digest);
        return SignDigest(digest);
    }

    /// <summary>personal_sign(keccak256(message)), the wrapper O and B use for non-ticket data.</summary>
    public byte[] SignPersonalKeccak(ReadOnlySpan<byte> message)
    {
        Span<byte> hash = stackalloc byte[Keccak256.HashLength];
        Keccak256.Hash(message, hash);
        return SignPersonal(hash);
    }

    // Never print key material.
    public override string ToString() => $"EthKey({Address})";

    /// <summary>
    /// ECDSA written out over BouncyCastle's curve math because its ECDsaSigner hides the point
    /// R, whose y parity is the recovery id Ethereum needs.
    /// </summary>
    private byte[] SignDigest(ReadOnlySpan<byte> digest)
    {
        var n = Secp256k1.N;
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

            var signature = new byte[EthSignature.Length];
            WriteScalar(r, signature.AsSpan(0, 32));
            WriteScalar(s, signature.AsSpan(32, 32));
            signature[64] = (byte)(27 + recoveryId);
            return signature;
        }
    }

    private static void WriteScalar(BigInteger value, Span<byte> destination) =>
        value.ToByteArrayUnsigned(destination[(destination.Length - value.GetLengthofByteArrayUnsigned())..]);
}
