using System.Numerics;

namespace Livepeer.Payments;

/// <summary>
/// The two big-integer byte forms the protocol uses (see shared spec: payments.md §14.2):
/// Go's <c>big.Int.Bytes()</c> (minimal unsigned big-endian, zero is empty) for protobuf fields
/// and the recipientRand HMAC, and 32-byte left-padded uint256 for hashes and auxData.
/// </summary>
public static class BigIntegerEncoding
{
    public const int Uint256Length = 32;

    public static BigInteger MaxUint256 { get; } = (BigInteger.One << 256) - 1;

    public static bool IsUint256(BigInteger value) => value.Sign >= 0 && value <= MaxUint256;

    /// <summary>Minimal unsigned big-endian bytes; zero encodes as an empty array.</summary>
    public static byte[] ToMinimalBytes(BigInteger value)
    {
        RequireNonNegative(value, nameof(value));
        return value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Length of <see cref="ToMinimalBytes"/> without allocating.</summary>
    public static int MinimalLength(BigInteger value)
    {
        RequireNonNegative(value, nameof(value));
        return value.IsZero ? 0 : value.GetByteCount(isUnsigned: true);
    }

    /// <summary>Writes the minimal form into <paramref name="destination"/> and returns its length.</summary>
    public static int WriteMinimal(BigInteger value, Span<byte> destination)
    {
        var length = MinimalLength(value);
        if (length > 0 && !value.TryWriteBytes(destination, out length, isUnsigned: true, isBigEndian: true))
        {
            throw new ArgumentException("destination is too short", nameof(destination));
        }

        return length;
    }

    public static byte[] ToUint256Bytes(BigInteger value)
    {
        var bytes = new byte[Uint256Length];
        WriteUint256(value, bytes);
        return bytes;
    }

    /// <summary>Writes <paramref name="value"/> as 32 bytes, big-endian, left-padded with zeros.</summary>
    public static void WriteUint256(BigInteger value, Span<byte> destination)
    {
        RequireUint256(value, nameof(value));
        var slot = destination[..Uint256Length];
        slot.Clear();
        var length = MinimalLength(value);
        value.TryWriteBytes(slot[(Uint256Length - length)..], out _, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Reads unsigned big-endian bytes of any length (the inverse of both forms).</summary>
    public static BigInteger FromUnsigned(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true, isBigEndian: true);

    public static BigInteger RequireUint256(BigInteger value, string name) =>
        IsUint256(value) ? value : throw new ArgumentOutOfRangeException(name, value, "value must fit in a uint256");

    public static BigInteger RequireNonNegative(BigInteger value, string name) =>
        value.Sign >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, "value must not be negative");
}
