using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Livepeer.Crypto;

namespace Livepeer.Ethereum;

/// <summary>
/// Solidity ABI encoding (<c>abi.encode</c>) of a sequence of values: a head of static values and offsets, then
/// the dynamic values' tails. Offsets are relative to the start of the enclosing sequence, so a dynamic tuple's
/// member offsets count from the tuple's own start (see shared spec: protocol-contracts.md §12).
/// </summary>
/// <remarks>
/// Values: integers as <see cref="BigInteger"/> or any .NET integer type; <c>address</c> as <see cref="EthAddress"/>;
/// <c>bool</c>; <c>bytes</c> and <c>bytesN</c> as <c>byte[]</c> (exactly N long; <c>bytes32</c> also takes a
/// <see cref="Hash32"/>); <c>string</c> (encoded as UTF-8); arrays and tuples as <c>object?[]</c>, any list, or a
/// <see cref="ITuple"/>. A value that does not fit throws <see cref="AbiEncodingException"/> naming where it sits.
/// </remarks>
public static class AbiEncoder
{
    // Strict, so a lone surrogate is an error rather than a silently substituted U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes <paramref name="values"/> as the tuple of <paramref name="types"/>.</summary>
    /// <exception cref="AbiEncodingException">A value does not fit its type, or the counts differ.</exception>
    public static byte[] Encode(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        return Encode([], AbiMembers.Of(types), values);
    }

    /// <summary><paramref name="prefix"/> (a selector or contract bytecode) followed by the encoded values.</summary>
    internal static byte[] Encode(ReadOnlySpan<byte> prefix, AbiMembers members, IReadOnlyList<object?> values)
    {
        if (values.Count != members.Count)
        {
            throw new AbiEncodingException($"expected {members.Count} values, got {values.Count}");
        }

        var writer = new Writer(prefix.Length + (int)Math.Min(members.HeadSize * 2, 1 << 16));
        prefix.CopyTo(writer.Span(writer.Grow(prefix.Length), prefix.Length));
        AppendSequence(writer, members, values);
        return writer.ToArray();
    }

    /// <summary>The 32-byte word of a value of an elementary static type (integer, address, bool, bytesN).</summary>
    internal static void WriteElementary(Span<byte> word, AbiType type, object? value)
    {
        switch (type)
        {
            case AbiIntegerType integer:
                WriteInteger(word, integer, ToBigInteger(value, type));
                break;
            case AbiAddressType:
                var address = value as EthAddress ?? throw Mismatch(type, value, "an EthAddress");
                address.Span.CopyTo(word[(AbiType.WordSize - EthAddress.Length)..]);
                break;
            case AbiBoolType:
                word[AbiType.WordSize - 1] = value is bool flag ? (byte)(flag ? 1 : 0) : throw Mismatch(type, value, "a bool");
                break;
            case AbiFixedBytesType fixedBytes:
                ReadOnlySpan<byte> bytes = value switch
                {
                    byte[] array => array,
                    Hash32 hash when fixedBytes.Length == Hash32.Length => hash.Span,
                    _ => throw Mismatch(type, value, "a byte[]"),
                };
                if (bytes.Length != fixedBytes.Length)
                {
                    throw new AbiEncodingException($"{type} needs exactly {fixedBytes.Length} bytes, got {bytes.Length}");
                }

                bytes.CopyTo(word);
                break;
            default:
                throw new InvalidOperationException($"{type} is not an elementary static type");
        }
    }

    private static void AppendSequence(Writer writer, AbiMembers members, IReadOnlyList<object?> values)
    {
        var headSize = members.HeadSize;
        if (headSize > Array.MaxLength)
        {
            throw new AbiEncodingException($"{members.Count} values are too many to encode");
        }

        WriteSequence(writer, writer.Grow((int)headSize), members, values);
    }

    /// <summary>Writes the heads at <paramref name="start"/> and appends the tails; offsets count from start.</summary>
    private static void WriteSequence(Writer writer, int start, AbiMembers members, IReadOnlyList<object?> values)
    {
        var head = start;
        for (var i = 0; i < members.Count; i++)
        {
            var type = members[i];
            try
            {
                if (type.IsDynamic)
                {
                    WriteLength(writer.Word(head), writer.Length - start);
                    AppendDynamic(writer, type, values[i]);
                }
                else
                {
                    WriteStatic(writer, head, type, values[i]);
                }
            }
            catch (AbiEncodingException e)
            {
                throw e.Within(members.Segment(i));
            }

            head += type.HeadSize;
        }
    }

    private static void WriteStatic(Writer writer, int position, AbiType type, object? value)
    {
        switch (type)
        {
            case AbiTupleType tuple:
                WriteSequence(writer, position, AbiMembers.Of(tuple), Items(value, type, tuple.Components.Count));
                break;
            case AbiArrayType array:
                WriteSequence(writer, position, AbiMembers.Repeat(array.ElementType, array.FixedLength!.Value), Items(value, type, array.FixedLength));
                break;
            default:
                WriteElementary(writer.Word(position), type, value);
                break;
        }
    }

    private static void AppendDynamic(Writer writer, AbiType type, object? value)
    {
        switch (type)
        {
            case AbiBytesType:
                AppendBytes(writer, value as byte[] ?? throw Mismatch(type, value, "a byte[]"));
                break;
            case AbiStringType:
                AppendBytes(writer, Utf8(value as string ?? throw Mismatch(type, value, "a string")));
                break;
            case AbiArrayType array:
                var elements = Items(value, type, array.FixedLength);
                if (array.FixedLength is null)
                {
                    WriteLength(writer.Word(writer.Grow(AbiType.WordSize)), elements.Count);
                }

                AppendSequence(writer, AbiMembers.Repeat(array.ElementType, elements.Count), elements);
                break;
            case AbiTupleType tuple:
                AppendSequence(writer, AbiMembers.Of(tuple), Items(value, type, tuple.Components.Count));
                break;
            default:
                throw new InvalidOperationException($"{type} is not a dynamic type");
        }
    }

    private static void AppendBytes(Writer writer, ReadOnlySpan<byte> bytes)
    {
        var padded = ((bytes.Length + (long)AbiType.WordSize - 1) / AbiType.WordSize) * AbiType.WordSize;
        if (padded > Array.MaxLength)
        {
            throw new AbiEncodingException($"{bytes.Length} bytes are too many to encode");
        }

        var at = writer.Grow(AbiType.WordSize + (int)padded);
        WriteLength(writer.Word(at), bytes.Length);
        bytes.CopyTo(writer.Span(at + AbiType.WordSize, bytes.Length));
    }

    private static byte[] Utf8(string text)
    {
        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            throw new AbiEncodingException("string is not valid UTF-16 (it has a lone surrogate), so it has no UTF-8 form");
        }
    }

    private static IReadOnlyList<object?> Items(object? value, AbiType type, int? count)
    {
        IReadOnlyList<object?> items = value switch
        {
            IReadOnlyList<object?> list => list,
            string => throw Mismatch(type, value, "a list of values"),
            ITuple tuple => [.. Enumerable.Range(0, tuple.Length).Select(i => tuple[i])],
            IEnumerable sequence => [.. sequence.Cast<object?>()],
            _ => throw Mismatch(type, value, "a list of values (object?[] or any list)"),
        };

        if (count is { } expected && items.Count != expected)
        {
            throw new AbiEncodingException($"{type} needs {expected} values, got {items.Count}");
        }

        return items;
    }

    private static BigInteger ToBigInteger(object? value, AbiType type) => value switch
    {
        BigInteger big => big,
        int i => i,
        long l => l,
        uint u => u,
        ulong ul => ul,
        short s => s,
        ushort us => us,
        byte b => b,
        sbyte sb => sb,
        Int128 i128 => i128,
        UInt128 u128 => u128,
        _ => throw Mismatch(type, value, "an integer (BigInteger, long, int, ...)"),
    };

    private static void WriteInteger(Span<byte> word, AbiIntegerType type, BigInteger value)
    {
        if (value < type.MinValue || value > type.MaxValue)
        {
            throw new AbiEncodingException($"{value} is out of range for {type} ({Range(type)})");
        }

        // Two's complement: a negative value is sign-extended with 0xff bytes to the full word.
        var unsigned = value.Sign >= 0;
        word.Fill(unsigned ? (byte)0 : (byte)0xff);
        var length = value.GetByteCount(unsigned);
        value.TryWriteBytes(word[(AbiType.WordSize - length)..], out _, unsigned, isBigEndian: true);
    }

    private static void WriteLength(Span<byte> word, int length)
    {
        word.Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(word[(AbiType.WordSize - sizeof(int))..], length);
    }

    private static string Range(AbiIntegerType type) => type.Bits <= 64
        ? $"{type.MinValue} to {type.MaxValue}"
        : type.IsSigned ? $"-2^{type.Bits - 1} to 2^{type.Bits - 1}-1" : $"0 to 2^{type.Bits}-1";

    private static AbiEncodingException Mismatch(AbiType type, object? value, string expected) =>
        new($"{type} needs {expected}, got {(value is null ? "null" : value.GetType().Name)}");

    /// <summary>A growable buffer; bytes past <see cref="Length"/> are always zero, so padding is free.</summary>
    private sealed class Writer(int capacity)
    {
        private byte[] buffer = new byte[Math.Max(capacity, AbiType.WordSize)];

        public int Length { get; private set; }

        /// <summary>Extends the buffer by <paramref name="count"/> zero bytes and returns where they start.</summary>
        public int Grow(int count)
        {
            var at = Length;
            var needed = (long)Length + count;
            if (needed > Array.MaxLength)
            {
                throw new AbiEncodingException("the encoding is too large");
            }

            if (needed > buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(Array.MaxLength, Math.Max(needed, buffer.Length * 2L)));
            }

            Length = (int)needed;
            return at;
        }

        public Span<byte> Word(int position) => buffer.AsSpan(position, AbiType.WordSize);

        public Span<byte> Span(int position, int count) => buffer.AsSpan(position, count);

        public byte[] ToArray() => Length == buffer.Length ? buffer : buffer.AsSpan(0, Length).ToArray();
    }
}
