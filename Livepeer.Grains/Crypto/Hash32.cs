using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Livepeer.Crypto;

/// <summary>
/// A 32-byte hash or Solidity <c>bytes32</c> value (ticket hashes, recipientRandHash, block hashes).
/// Immutable; its whole state is one byte array.
/// </summary>
public sealed class Hash32 : IEquatable<Hash32>
{
    public const int Length = 32;

    private readonly byte[] bytes;

    private Hash32(byte[] bytes) => this.bytes = bytes;

    public static Hash32 Zero { get; } = new(new byte[Length]);

    public ReadOnlySpan<byte> Span => bytes;

    public bool IsZero => Span.IndexOfAnyExcept((byte)0) < 0;

    public static Hash32 FromBytes(ReadOnlySpan<byte> value)
    {
        if (value.Length != Length)
        {
            throw new ArgumentException($"a 32-byte hash is {Length} bytes, got {value.Length}", nameof(value));
        }

        return new Hash32(value.ToArray());
    }

    /// <summary>Wraps a freshly computed buffer without copying it; the caller must not keep it.</summary>
    internal static Hash32 TakeOwnership(byte[] value) => new(value);

    public static Hash32 Parse(string text) => new(HexEncoding.DecodeExact(text, Length, "32-byte hash"));

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Hash32? hash)
    {
        var buffer = new byte[Length];
        hash = text is not null && HexEncoding.TryDecodeExact(text, buffer) ? new Hash32(buffer) : null;
        return hash is not null;
    }

    public byte[] ToArray() => (byte[])bytes.Clone();

    /// <summary>Lower-case hex with a 0x prefix, like go-ethereum's <c>Hash.Hex()</c>.</summary>
    public override string ToString() => HexEncoding.ToPrefixedLower(bytes);

    public bool Equals(Hash32? other) => other is not null && Span.SequenceEqual(other.Span);

    public override bool Equals(object? obj) => Equals(obj as Hash32);

    public override int GetHashCode() => BinaryPrimitives.ReadInt32LittleEndian(bytes);

    public static bool operator ==(Hash32? left, Hash32? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(Hash32? left, Hash32? right) => !(left == right);
}
