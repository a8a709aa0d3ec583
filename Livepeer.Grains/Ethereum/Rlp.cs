using System.Buffers.Binary;
using System.Numerics;
using Livepeer.Payments;

namespace Livepeer.Ethereum;

/// <summary>
/// Recursive Length Prefix, Ethereum's serialisation for transactions (yellow paper, appendix B). Encoding always
/// produces the canonical form; decoding accepts only the canonical form, as go-ethereum's <c>rlp</c> package does, so
/// that every accepted input re-encodes to the same bytes and therefore hashes to the same transaction hash.
/// </summary>
public static class Rlp
{
    /// <summary>Most levels of lists within lists <see cref="Decode"/> accepts (transactions need 4): bounds the recursion.</summary>
    public const int MaxDepth = 64;

    private const byte ShortString = 0x80;
    private const byte LongString = 0xb7;
    private const byte ShortList = 0xc0;
    private const byte LongList = 0xf7;
    private const int MaxShortLength = 55;

    /// <summary>A byte string: a single byte below 0x80 is itself, otherwise a length prefix and the bytes.</summary>
    public static byte[] EncodeBytes(ReadOnlySpan<byte> value)
    {
        if (value.Length == 1 && value[0] < ShortString)
        {
            return [value[0]];
        }

        var encoded = new byte[HeaderLength(value.Length) + value.Length];
        var header = WriteHeader(encoded, value.Length, ShortString);
        value.CopyTo(encoded.AsSpan(header));
        return encoded;
    }

    /// <summary>A non-negative integer as its minimal big-endian bytes: zero is the empty string (0x80).</summary>
    public static byte[] EncodeInteger(BigInteger value) => EncodeBytes(BigIntegerEncoding.ToMinimalBytes(value));

    /// <summary>An unsigned integer as its minimal big-endian bytes: zero is the empty string (0x80).</summary>
    public static byte[] EncodeInteger(ulong value)
    {
        Span<byte> buffer = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, value);
        var skip = BitOperations.LeadingZeroCount(value) / 8;
        return EncodeBytes(buffer[skip..]);
    }

    /// <summary>A list whose items are already RLP-encoded: a length prefix and their concatenation.</summary>
    public static byte[] EncodeList(params ReadOnlySpan<byte[]> encodedItems)
    {
        var payload = 0;
        foreach (var item in encodedItems)
        {
            payload = checked(payload + item.Length);
        }

        var encoded = new byte[HeaderLength(payload) + payload];
        var offset = WriteHeader(encoded, payload, ShortList);
        foreach (var item in encodedItems)
        {
            item.CopyTo(encoded, offset);
            offset += item.Length;
        }

        return encoded;
    }

    /// <summary>Encodes a decoded tree back; the inverse of <see cref="Decode"/>.</summary>
    public static byte[] Encode(RlpItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!item.IsList)
        {
            return EncodeBytes(item.Bytes.Span);
        }

        var items = new byte[item.Items.Count][];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Encode(item.Items[i]);
        }

        return EncodeList(items);
    }

    /// <summary>
    /// Decodes exactly one item spanning all of <paramref name="encoded"/>. Throws <see cref="FormatException"/> for
    /// truncated input, trailing bytes, non-canonical lengths (a single byte below 0x80 behind a prefix, a long form
    /// for a length under 56, a length with leading zero bytes) and nesting deeper than <see cref="MaxDepth"/>.
    /// </summary>
    public static RlpItem Decode(ReadOnlySpan<byte> encoded)
    {
        var buffer = encoded.ToArray();
        var item = DecodeItem(buffer, 0, out var consumed);
        if (consumed != buffer.Length)
        {
            throw new FormatException($"RLP: {buffer.Length - consumed} trailing bytes after the item");
        }

        return item;
    }

    private static RlpItem DecodeItem(ReadOnlyMemory<byte> input, int depth, out int consumed)
    {
        var (headerLength, contentLength, isList) = ReadHeader(input.Span);
        consumed = headerLength + contentLength;
        var content = input.Slice(headerLength, contentLength);
        if (!isList)
        {
            return RlpItem.FromDecoded(content);
        }

        if (depth >= MaxDepth)
        {
            throw new FormatException($"RLP: lists nested deeper than {MaxDepth}");
        }

        var items = new List<RlpItem>();
        while (!content.IsEmpty)
        {
            items.Add(DecodeItem(content, depth + 1, out var used));
            content = content[used..];
        }

        return RlpItem.FromDecoded(items);
    }

    /// <summary>Reads the prefix at the start of <paramref name="input"/> and checks that its content is all there.</summary>
    private static (int HeaderLength, int ContentLength, bool IsList) ReadHeader(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            throw new FormatException("RLP: input ends where an item should start");
        }

        var prefix = input[0];
        (int Header, long Content, bool IsList) header;
        if (prefix < ShortString)
        {
            header = (0, 1, false);
        }
        else if (prefix <= LongString)
        {
            header = (1, prefix - ShortString, false);
            if (header.Content == 1 && (input.Length < 2 || input[1] < ShortString))
            {
                // A lone byte below 0x80 must be encoded as itself (or the input is truncated).
                throw input.Length < 2 ? Truncated() : new FormatException("RLP: non-canonical single byte behind a string prefix");
            }
        }
        else if (prefix < ShortList)
        {
            header = ReadLongHeader(input, prefix - LongString, isList: false);
        }
        else if (prefix <= LongList)
        {
            header = (1, prefix - ShortList, true);
        }
        else
        {
            header = ReadLongHeader(input, prefix - LongList, isList: true);
        }

        if (header.Content > input.Length - header.Header)
        {
            throw Truncated();
        }

        return (header.Header, (int)header.Content, header.IsList);
    }

    private static (int Header, long Content, bool IsList) ReadLongHeader(ReadOnlySpan<byte> input, int lengthOfLength, bool isList)
    {
        if (input.Length < 1 + lengthOfLength)
        {
            throw Truncated();
        }

        var lengthBytes = input.Slice(1, lengthOfLength);
        if (lengthBytes[0] == 0)
        {
            throw new FormatException("RLP: length with leading zero bytes");
        }

        // Anything longer than 4 length bytes cannot fit in memory as one array anyway: report it as truncated.
        if (lengthOfLength > sizeof(int))
        {
            throw Truncated();
        }

        long length = 0;
        foreach (var b in lengthBytes)
        {
            length = (length << 8) | b;
        }

        if (length <= MaxShortLength)
        {
            throw new FormatException($"RLP: long-form length {length} where the short form is required");
        }

        return (1 + lengthOfLength, length, isList);
    }

    private static int HeaderLength(int payloadLength) =>
        payloadLength <= MaxShortLength ? 1 : 1 + ByteLength((uint)payloadLength);

    /// <summary>Writes the prefix for <paramref name="payloadLength"/> bytes and returns its length.</summary>
    private static int WriteHeader(Span<byte> destination, int payloadLength, byte shortBase)
    {
        if (payloadLength <= MaxShortLength)
        {
            destination[0] = (byte)(shortBase + payloadLength);
            return 1;
        }

        // The long bases are 0xb7 and 0xf7: the short base plus 55.
        var lengthOfLength = ByteLength((uint)payloadLength);
        destination[0] = (byte)(shortBase + MaxShortLength + lengthOfLength);
        for (var i = lengthOfLength; i >= 1; i--)
        {
            destination[i] = (byte)payloadLength;
            payloadLength >>= 8;
        }

        return 1 + lengthOfLength;
    }

    private static int ByteLength(uint value) => (32 - BitOperations.LeadingZeroCount(value) + 7) / 8;

    private static FormatException Truncated() => new("RLP: input is truncated");
}
