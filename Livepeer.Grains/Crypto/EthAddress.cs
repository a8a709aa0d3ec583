using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Livepeer.Crypto;

/// <summary>
/// A 20-byte Ethereum account address. Immutable; its whole state is one byte array so the
/// Orleans serializer can carry it as-is.
/// </summary>
public sealed class EthAddress : IEquatable<EthAddress>
{
    public const int Length = 20;

    private readonly byte[] bytes;

    private EthAddress(byte[] bytes) => this.bytes = bytes;

    public static EthAddress Zero { get; } = new(new byte[Length]);

    public ReadOnlySpan<byte> Span => bytes;

    public bool IsZero => Span.IndexOfAnyExcept((byte)0) < 0;

    public static EthAddress FromBytes(ReadOnlySpan<byte> value)
    {
        if (value.Length != Length)
        {
            throw new ArgumentException($"an address is {Length} bytes, got {value.Length}", nameof(value));
        }

        return new EthAddress(value.ToArray());
    }

    /// <summary>
    /// Parses 40 hex digits with an optional 0x prefix. Like go-ethereum, any letter case is
    /// accepted and the EIP-55 checksum is not enforced.
    /// </summary>
    public static EthAddress Parse(string text) => new(HexEncoding.DecodeExact(text, Length, "address"));

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out EthAddress? address)
    {
        var buffer = new byte[Length];
        address = text is not null && HexEncoding.TryDecodeExact(text, buffer) ? new EthAddress(buffer) : null;
        return address is not null;
    }

    public byte[] ToArray() => (byte[])bytes.Clone();

    /// <summary>The EIP-55 mixed-case checksum form with a 0x prefix.</summary>
    public override string ToString()
    {
        Span<char> hex = stackalloc char[2 + (Length * 2)];
        hex[0] = '0';
        hex[1] = 'x';
        var digits = hex[2..];
        Convert.TryToHexStringLower(bytes, digits, out _);

        Span<byte> ascii = stackalloc byte[Length * 2];
        for (var i = 0; i < digits.Length; i++)
        {
            ascii[i] = (byte)digits[i];
        }

        Span<byte> hash = stackalloc byte[Keccak256.HashLength];
        Keccak256.Hash(ascii, hash);

        // EIP-55: upper-case a letter when the matching nibble of keccak256(lower-case hex) is >= 8.
        for (var i = 0; i < digits.Length; i++)
        {
            var nibble = (i & 1) == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0x0f;
            if (nibble >= 8 && char.IsAsciiLetter(digits[i]))
            {
                digits[i] = char.ToUpperInvariant(digits[i]);
            }
        }

        return new string(hex);
    }

    public bool Equals(EthAddress? other) => other is not null && Span.SequenceEqual(other.Span);

    public override bool Equals(object? obj) => Equals(obj as EthAddress);

    // Addresses are hashes themselves, so any 4 bytes are already well distributed.
    public override int GetHashCode() => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Length - 4));

    public static bool operator ==(EthAddress? left, EthAddress? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(EthAddress? left, EthAddress? right) => !(left == right);
}
