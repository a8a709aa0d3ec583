using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Ethereum;

/// <summary>
/// A decoded RLP item: a byte string or a list of items. The typed readers are strict in go-ethereum's way: integers
/// must be minimal (no leading zero bytes, zero as the empty string), fixed-size fields must have their exact size.
/// Every rejection is a <see cref="FormatException"/> naming the field.
/// </summary>
public sealed class RlpItem
{
    private readonly ReadOnlyMemory<byte> bytes;
    private readonly IReadOnlyList<RlpItem>? items;

    private RlpItem(ReadOnlyMemory<byte> bytes, IReadOnlyList<RlpItem>? items)
    {
        this.bytes = bytes;
        this.items = items;
    }

    public bool IsList => items is not null;

    /// <summary>The content of a byte string.</summary>
    public ReadOnlyMemory<byte> Bytes => IsList ? throw new InvalidOperationException("RLP item is a list, not a byte string") : bytes;

    /// <summary>The items of a list.</summary>
    public IReadOnlyList<RlpItem> Items => items ?? throw new InvalidOperationException("RLP item is a byte string, not a list");

    public static RlpItem OfBytes(ReadOnlySpan<byte> value) => new(value.ToArray(), null);

    public static RlpItem OfList(params IEnumerable<RlpItem> values) => new(default, [.. values]);

    internal static RlpItem FromDecoded(ReadOnlyMemory<byte> content) => new(content, null);

    internal static RlpItem FromDecoded(List<RlpItem> values) => new(default, values.AsReadOnly());

    /// <summary>The byte string of field <paramref name="name"/>.</summary>
    public ReadOnlyMemory<byte> ReadBytes(string name) =>
        IsList ? throw new FormatException($"{name}: expected a byte string, got a list") : bytes;

    /// <summary>The items of list field <paramref name="name"/>, which must number <paramref name="count"/> when given.</summary>
    public IReadOnlyList<RlpItem> ReadList(string name, int? count = null)
    {
        if (items is null)
        {
            throw new FormatException($"{name}: expected a list, got a byte string");
        }

        if (count is { } expected && items.Count != expected)
        {
            throw new FormatException($"{name}: expected {expected} items, got {items.Count}");
        }

        return items;
    }

    /// <summary>A minimal big-endian unsigned integer of at most <paramref name="maxBytes"/> bytes (uint256 by default).</summary>
    public BigInteger ReadBigInteger(string name, int maxBytes = BigIntegerEncoding.Uint256Length) =>
        BigIntegerEncoding.FromUnsigned(ReadIntegerBytes(name, maxBytes));

    /// <summary>A minimal big-endian integer that fits in 64 bits.</summary>
    public ulong ReadUInt64(string name)
    {
        ulong value = 0;
        foreach (var b in ReadIntegerBytes(name, sizeof(ulong)))
        {
            value = (value << 8) | b;
        }

        return value;
    }

    /// <summary>A 20-byte address, or null for the empty string (a contract creation's "to").</summary>
    public EthAddress? ReadOptionalAddress(string name)
    {
        var value = ReadBytes(name).Span;
        return value.Length switch
        {
            0 => null,
            EthAddress.Length => EthAddress.FromBytes(value),
            _ => throw new FormatException($"{name}: expected {EthAddress.Length} bytes or none, got {value.Length}"),
        };
    }

    public EthAddress ReadAddress(string name) =>
        ReadOptionalAddress(name) ?? throw new FormatException($"{name}: expected {EthAddress.Length} bytes, got none");

    public Hash32 ReadHash32(string name)
    {
        var value = ReadBytes(name).Span;
        return value.Length == Hash32.Length
            ? Hash32.FromBytes(value)
            : throw new FormatException($"{name}: expected {Hash32.Length} bytes, got {value.Length}");
    }

    public override string ToString() =>
        IsList ? $"[{string.Join(", ", Items)}]" : "0x" + Convert.ToHexStringLower(bytes.Span);

    private ReadOnlySpan<byte> ReadIntegerBytes(string name, int maxBytes)
    {
        var value = ReadBytes(name).Span;
        if (value.Length > maxBytes)
        {
            throw new FormatException($"{name}: integer of {value.Length} bytes exceeds {maxBytes}");
        }

        if (value.Length > 0 && value[0] == 0)
        {
            throw new FormatException($"{name}: non-canonical integer (leading zero bytes)");
        }

        return value;
    }
}
