using System.Numerics;
using System.Text;
using Livepeer.Crypto;

namespace Livepeer.Ethereum;

/// <summary>
/// Decodes ABI-encoded data (call results, calldata, event data) into the values <see cref="AbiEncoder"/> takes:
/// integers as <see cref="BigInteger"/>, <see cref="EthAddress"/>, <c>bool</c>, <c>byte[]</c> for <c>bytes</c> and
/// <c>bytesN</c>, <c>string</c>, and <c>object?[]</c> for arrays and tuples.
/// </summary>
/// <remarks>
/// Every offset and length is checked against the data, so malformed input fails with a
/// <see cref="FormatException"/>, never an index error. Words must be clean, as Solidity's own decoder requires:
/// no stray high bits in small integers or addresses, correct sign extension, bool 0 or 1, zero padding after a
/// <c>bytesN</c>. Trailing data after the encoding is ignored, and so is the padding after <c>bytes</c> and
/// <c>string</c> contents, which need only be in bounds. Offsets may overlap, as the format allows, but data that
/// would decode to values far larger than itself is rejected. Strings are read as UTF-8, with invalid sequences
/// replaced by U+FFFD rather than rejected, since a contract may store any bytes in one.
/// </remarks>
public static class AbiDecoder
{
    /// <summary>Decodes data encoded as the tuple of <paramref name="types"/>.</summary>
    /// <exception cref="FormatException">The data is too short, an offset or length points outside it, or a word is not a valid value of its type.</exception>
    public static object?[] Decode(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(types);
        return Decode(AbiMembers.Of(types), data);
    }

    internal static object?[] Decode(AbiMembers members, ReadOnlySpan<byte> data) => new Reader(data).Sequence(members, 0);

    /// <summary>A value of an elementary static type (integer, address, bool, bytesN) from its word.</summary>
    internal static object DecodeElementary(AbiType type, ReadOnlySpan<byte> word) => new Reader(word).Elementary(type, 0);

    private ref struct Reader
    {
        private readonly ReadOnlySpan<byte> data;

        // Offsets may legally overlap, so a small input could describe a huge value (the same tail referenced
        // over and over, or an array of empty tuples). Every decoded value spends from a budget proportional to
        // the input, which a normal encoding, where each value has its own 32-byte slot, never exhausts.
        private long budget;

        public Reader(ReadOnlySpan<byte> data)
        {
            this.data = data;
            budget = (8L * data.Length) + 65_536;
        }

        public object?[] Sequence(AbiMembers members, int start)
        {
            Spend((long)members.Count * AbiType.WordSize);
            var values = new object?[members.Count];
            long head = start;
            for (var i = 0; i < values.Length; i++)
            {
                var type = members[i];
                if (type.IsDynamic)
                {
                    var offset = Size(head, $"offset of {type}");
                    var at = (long)start + offset;
                    if (at > data.Length)
                    {
                        throw new FormatException($"ABI data: the offset of {type} at 0x{head:x} points to 0x{at:x}, past the end of the {data.Length}-byte data");
                    }

                    values[i] = Dynamic(type, (int)at);
                }
                else
                {
                    values[i] = Static(type, head);
                }

                head += type.HeadSize;
            }

            return values;
        }

        public object Elementary(AbiType type, long position)
        {
            var word = Word(position, type);
            switch (type)
            {
                case AbiIntegerType integer:
                    var value = new BigInteger(word, isUnsigned: !integer.IsSigned, isBigEndian: true);
                    return value >= integer.MinValue && value <= integer.MaxValue
                        ? value
                        : throw Invalid(type, position, integer.IsSigned ? "it is not sign-extended from its size" : "high bits are set");
                case AbiAddressType:
                    return word[..(AbiType.WordSize - EthAddress.Length)].IndexOfAnyExcept((byte)0) < 0
                        ? EthAddress.FromBytes(word[(AbiType.WordSize - EthAddress.Length)..])
                        : throw Invalid(type, position, "its 12 high bytes are not zero");
                case AbiBoolType:
                    return word[..^1].IndexOfAnyExcept((byte)0) < 0 && word[^1] <= 1
                        ? word[^1] == 1
                        : throw Invalid(type, position, "it is neither 0 nor 1");
                case AbiFixedBytesType fixedBytes:
                    return word[fixedBytes.Length..].IndexOfAnyExcept((byte)0) < 0
                        ? word[..fixedBytes.Length].ToArray()
                        : throw Invalid(type, position, "the padding after its bytes is not zero");
                default:
                    throw new InvalidOperationException($"{type} is not an elementary static type");
            }
        }

        private object? Static(AbiType type, long position) => type switch
        {
            AbiTupleType tuple => Sequence(AbiMembers.Of(tuple), CheckedStart(position, type)),
            AbiArrayType array => Sequence(AbiMembers.Repeat(array.ElementType, array.FixedLength!.Value), CheckedStart(position, type)),
            _ => Elementary(type, position),
        };

        private object? Dynamic(AbiType type, int position)
        {
            switch (type)
            {
                case AbiBytesType:
                    return Bytes(position, type).ToArray();
                case AbiStringType:
                    return Encoding.UTF8.GetString(Bytes(position, type));
                case AbiArrayType { FixedLength: null } array:
                    var count = Size(position, $"length of {type}");
                    var elementsStart = position + AbiType.WordSize;
                    if ((long)count * array.ElementType.HeadSize > data.Length - elementsStart)
                    {
                        throw new FormatException($"ABI data: {type} at 0x{position:x} has length {count}, more elements than the {data.Length}-byte data holds");
                    }

                    return Sequence(AbiMembers.Repeat(array.ElementType, count), elementsStart);
                case AbiArrayType array:
                    return Sequence(AbiMembers.Repeat(array.ElementType, array.FixedLength!.Value), position);
                case AbiTupleType tuple:
                    return Sequence(AbiMembers.Of(tuple), position);
                default:
                    throw new InvalidOperationException($"{type} is not a dynamic type");
            }
        }

        private ReadOnlySpan<byte> Bytes(int position, AbiType type)
        {
            var length = Size(position, $"length of {type}");
            var start = position + AbiType.WordSize;
            if (length > data.Length - start)
            {
                throw new FormatException($"ABI data: {type} at 0x{position:x} has length {length}, past the end of the {data.Length}-byte data");
            }

            Spend(length);
            return data.Slice(start, length);
        }

        /// <summary>An offset or length word: an unsigned integer that must fit the data, so at most int.MaxValue.</summary>
        private int Size(long position, string what)
        {
            var word = Word(position, what);
            var high = word[..(AbiType.WordSize - sizeof(int))];
            var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(word[(AbiType.WordSize - sizeof(int))..]);
            if (high.IndexOfAnyExcept((byte)0) >= 0 || value > int.MaxValue)
            {
                throw new FormatException($"ABI data: the {what} at 0x{position:x} is 0x{Convert.ToHexStringLower(word).TrimStart('0')}, larger than any data");
            }

            return (int)value;
        }

        private ReadOnlySpan<byte> Word(long position, object what)
        {
            if (position > data.Length - AbiType.WordSize)
            {
                throw new FormatException($"ABI data too short: the {what} at 0x{position:x} needs 32 bytes, but the data is {data.Length} bytes");
            }

            return data.Slice((int)position, AbiType.WordSize);
        }

        private readonly int CheckedStart(long position, AbiType type) =>
            position + type.HeadSize <= data.Length
                ? (int)position
                : throw new FormatException($"ABI data too short: the {type} at 0x{position:x} needs {type.HeadSize} bytes, but the data is {data.Length} bytes");

        private void Spend(long amount)
        {
            budget -= amount;
            if (budget < 0)
            {
                throw new FormatException("ABI data: the decoded values would be far larger than the data (overlapping offsets or huge arrays of empty values)");
            }
        }

        private static FormatException Invalid(AbiType type, long position, string why) =>
            new($"ABI data: the word at 0x{position:x} is not a valid {type}: {why}");
    }
}
