using System.Security.Cryptography;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Livepeer.Crypto;

/// <summary>
/// A secp256k1 private key that produces Ethereum personal_sign signatures: deterministic
/// RFC 6979 nonces, low s, v = 27/28 (see shared spec: payments.md §3.1 and §14.5). Signing goes through
/// <see cref="Secp256k1Backend.Current"/> unless a backend is given.
/// </summary>
public sealed class EthKey
{
    // 32 big-endian bytes in [1, n-1], the form both backends take.
    private readonly byte[] privateKey;

    private EthKey(BigInteger d)
    {
        privateKey = new byte[Secp256k1.ScalarLength];
        Secp256k1.WriteScalar(d, privateKey);
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
    public byte[] PrivateKeyBytes() => (byte[])privateKey.Clone();

    /// <summary>
    /// personal_sign: signs keccak256("\x19Ethereum Signed Message:\n" + len + message). Tickets
    /// pass the raw 32-byte ticket hash here.
    /// </summary>
    public byte[] SignPersonal(ReadOnlySpan<byte> message) => SignPersonal(message, Secp256k1Backend.Current);

    /// <summary>personal_sign through a given backend; every backend produces the same bytes.</summary>
    public byte[] SignPersonal(ReadOnlySpan<byte> message, Secp256k1Backend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        Span<byte> digest = stackalloc byte[Keccak256.HashLength];
        EthSignature.PersonalDigest(message, digest);
        var signature = new byte[EthSignature.Length];
        var recoveryId = backend.Sign(digest, privateKey, signature.AsSpan(0, Secp256k1Backend.CompactLength));
        signature[64] = (byte)(27 + recoveryId);
        return signature;
    }

    /// <summary>
    /// Signs a raw 32-byte digest as it is, without the personal_sign prefix: what Ethereum transactions need, whose
    /// signing hash is signed directly (see shared spec: protocol-contracts.md §15.4).
    /// </summary>
    public EcdsaSignature SignDigest(ReadOnlySpan<byte> digest) => SignDigest(digest, Secp256k1Backend.Current);

    /// <summary>Raw-digest signing through a given backend; every backend produces the same bytes.</summary>
    public EcdsaSignature SignDigest(ReadOnlySpan<byte> digest, Secp256k1Backend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);

        // Checked here, not only in the native backend: BouncyCastle would sign a digest of any length.
        if (digest.Length != Keccak256.HashLength)
        {
            throw new ArgumentException($"a digest is {Keccak256.HashLength} bytes, got {digest.Length}", nameof(digest));
        }

        var compact = new byte[Secp256k1Backend.CompactLength];
        var recoveryId = backend.Sign(digest, privateKey, compact);
        return EcdsaSignature.TakeOwnership(compact, recoveryId);
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
}
