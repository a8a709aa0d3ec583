using System.Numerics;

namespace Livepeer.Crypto;

/// <summary>
/// A secp256k1 signature over a raw 32-byte digest: r, s (low s) and the recovery id (the y parity of R, 0 or 1).
/// Unlike <see cref="EthSignature"/>'s 65-byte personal_sign form it carries no v offset, because each user encodes
/// the recovery id its own way: EIP-155 legacy transactions as v = recoveryId + chainId·2 + 35, typed transactions as
/// yParity (see shared spec: protocol-contracts.md §15.4).
/// </summary>
public sealed class EcdsaSignature : IEquatable<EcdsaSignature>
{
    public const int ScalarLength = 32;

    // r ‖ s, 32 bytes each, big-endian.
    private readonly byte[] compact;

    private EcdsaSignature(byte[] compact, int recoveryId)
    {
        this.compact = compact;
        RecoveryId = recoveryId;
    }

    public ReadOnlySpan<byte> R => compact.AsSpan(0, ScalarLength);

    public ReadOnlySpan<byte> S => compact.AsSpan(ScalarLength, ScalarLength);

    /// <summary>0 or 1: the parity of R's y coordinate.</summary>
    public int RecoveryId { get; }

    public BigInteger RValue => new(R, isUnsigned: true, isBigEndian: true);

    public BigInteger SValue => new(S, isUnsigned: true, isBigEndian: true);

    /// <summary>
    /// Wraps r and s as 32-byte big-endian values. Any values are accepted (so that a decoded transaction can carry
    /// whatever it was given); <see cref="EthSignature.TryRecoverDigest(ReadOnlySpan{byte}, EcdsaSignature, out EthAddress?)"/>
    /// rejects invalid ones.
    /// </summary>
    public static EcdsaSignature FromRS(ReadOnlySpan<byte> r, ReadOnlySpan<byte> s, int recoveryId)
    {
        if (r.Length != ScalarLength || s.Length != ScalarLength)
        {
            throw new ArgumentException($"r and s are {ScalarLength} bytes each, got {r.Length} and {s.Length}");
        }

        RequireRecoveryId(recoveryId);
        var compact = new byte[2 * ScalarLength];
        r.CopyTo(compact);
        s.CopyTo(compact.AsSpan(ScalarLength));
        return new EcdsaSignature(compact, recoveryId);
    }

    /// <summary>Wraps r and s given as numbers in [0, 2^256).</summary>
    public static EcdsaSignature FromRS(BigInteger r, BigInteger s, int recoveryId)
    {
        RequireRecoveryId(recoveryId);
        var compact = new byte[2 * ScalarLength];
        WriteScalar(r, compact.AsSpan(0, ScalarLength), nameof(r));
        WriteScalar(s, compact.AsSpan(ScalarLength), nameof(s));
        return new EcdsaSignature(compact, recoveryId);
    }

    /// <summary>Takes a freshly written r ‖ s buffer from a backend without copying it.</summary>
    internal static EcdsaSignature TakeOwnership(byte[] compact, int recoveryId) => new(compact, recoveryId);

    public bool Equals(EcdsaSignature? other) =>
        other is not null && RecoveryId == other.RecoveryId && compact.AsSpan().SequenceEqual(other.compact);

    public override bool Equals(object? obj) => Equals(obj as EcdsaSignature);

    public override int GetHashCode() => HashCode.Combine(RecoveryId, BitConverter.ToInt32(compact, 0));

    public override string ToString() => $"EcdsaSignature(r=0x{Convert.ToHexStringLower(R)}, s=0x{Convert.ToHexStringLower(S)}, recoveryId={RecoveryId})";

    private static void RequireRecoveryId(int recoveryId)
    {
        if (recoveryId is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(recoveryId), recoveryId, "the recovery id is 0 or 1");
        }
    }

    private static void WriteScalar(BigInteger value, Span<byte> destination, string name)
    {
        if (value.Sign < 0 || value.GetByteCount(isUnsigned: true) > ScalarLength)
        {
            throw new ArgumentOutOfRangeException(name, value, "a signature scalar lies in [0, 2^256)");
        }

        var length = value.IsZero ? 0 : value.GetByteCount(isUnsigned: true);
        if (length > 0)
        {
            value.TryWriteBytes(destination[(ScalarLength - length)..], out _, isUnsigned: true, isBigEndian: true);
        }
    }
}
