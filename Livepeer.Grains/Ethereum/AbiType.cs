using System.Numerics;

namespace Livepeer.Ethereum;

/// <summary>
/// A Solidity ABI type. Two types are equal when their canonical names are equal; tuple component names are
/// carried for readable errors and decoded values but are not part of the type.
/// </summary>
public abstract class AbiType : IEquatable<AbiType>
{
    /// <summary>Every head slot, length and offset is one 32-byte word.</summary>
    public const int WordSize = 32;

    private protected AbiType()
    {
    }

    public static AbiType Uint8 { get; } = new AbiIntegerType(8, signed: false);

    public static AbiType Uint64 { get; } = new AbiIntegerType(64, signed: false);

    public static AbiType Uint256 { get; } = new AbiIntegerType(256, signed: false);

    public static AbiType Int256 { get; } = new AbiIntegerType(256, signed: true);

    public static AbiType Address { get; } = new AbiAddressType();

    public static AbiType Bool { get; } = new AbiBoolType();

    public static AbiType Bytes32 { get; } = new AbiFixedBytesType(32);

    public static AbiType Bytes { get; } = new AbiBytesType();

    public static AbiType String { get; } = new AbiStringType();

    /// <summary>The form used in signatures, e.g. <c>(address,uint256,bytes)[]</c>.</summary>
    public abstract string CanonicalName { get; }

    /// <summary>
    /// Dynamic types (bytes, string, T[], and tuples or T[k] holding one) are encoded in the tail, behind an offset.
    /// </summary>
    public abstract bool IsDynamic { get; }

    /// <summary>
    /// Bytes this type takes in the head of an enclosing tuple: one word (an offset) when dynamic, its whole inline
    /// encoding when static (a static tuple or T[k] is inlined, with no offset).
    /// </summary>
    public abstract int HeadSize { get; }

    /// <summary>Parses a type as written in a signature: <c>uint256</c>, <c>bytes</c>, <c>(address,bytes)[]</c>.</summary>
    /// <exception cref="FormatException">The text is not a supported ABI type.</exception>
    public static AbiType Parse(string text) => AbiSignatureParser.ParseType(text);

    public bool Equals(AbiType? other) => other is not null && CanonicalName == other.CanonicalName;

    public override bool Equals(object? obj) => Equals(obj as AbiType);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(CanonicalName);

    public override string ToString() => CanonicalName;

    public static bool operator ==(AbiType? left, AbiType? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(AbiType? left, AbiType? right) => !(left == right);
}

/// <summary><c>uint&lt;M&gt;</c> or <c>int&lt;M&gt;</c>, M a multiple of 8 from 8 to 256; values are <see cref="BigInteger"/>.</summary>
public sealed class AbiIntegerType : AbiType
{
    public AbiIntegerType(int bits, bool signed)
    {
        if (bits is < 8 or > 256 || bits % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "integer size must be a multiple of 8 from 8 to 256");
        }

        Bits = bits;
        IsSigned = signed;
        MinValue = signed ? -(BigInteger.One << (bits - 1)) : BigInteger.Zero;
        MaxValue = (BigInteger.One << (signed ? bits - 1 : bits)) - 1;
        CanonicalName = (signed ? "int" : "uint") + bits;
    }

    public int Bits { get; }

    public bool IsSigned { get; }

    public BigInteger MinValue { get; }

    public BigInteger MaxValue { get; }

    public override string CanonicalName { get; }

    public override bool IsDynamic => false;

    public override int HeadSize => WordSize;
}

/// <summary>A 20-byte address, left-padded to a word; values are <see cref="Crypto.EthAddress"/>.</summary>
public sealed class AbiAddressType : AbiType
{
    public override string CanonicalName => "address";

    public override bool IsDynamic => false;

    public override int HeadSize => WordSize;
}

/// <summary>A word holding 0 or 1; values are <see cref="bool"/>.</summary>
public sealed class AbiBoolType : AbiType
{
    public override string CanonicalName => "bool";

    public override bool IsDynamic => false;

    public override int HeadSize => WordSize;
}

/// <summary><c>bytes&lt;M&gt;</c>, 1 ≤ M ≤ 32, right-padded to a word; values are byte arrays of exactly M bytes.</summary>
public sealed class AbiFixedBytesType : AbiType
{
    public AbiFixedBytesType(int length)
    {
        if (length is < 1 or > WordSize)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "fixed bytes size must be from 1 to 32");
        }

        Length = length;
        CanonicalName = "bytes" + length;
    }

    public int Length { get; }

    public override string CanonicalName { get; }

    public override bool IsDynamic => false;

    public override int HeadSize => WordSize;
}

/// <summary>Dynamic <c>bytes</c>: a length word, then the bytes right-padded to a word; values are byte arrays.</summary>
public sealed class AbiBytesType : AbiType
{
    public override string CanonicalName => "bytes";

    public override bool IsDynamic => true;

    public override int HeadSize => WordSize;
}

/// <summary>Dynamic <c>string</c>, encoded as <c>bytes</c> of its UTF-8 form; values are strings.</summary>
public sealed class AbiStringType : AbiType
{
    public override string CanonicalName => "string";

    public override bool IsDynamic => true;

    public override int HeadSize => WordSize;
}

/// <summary>
/// <c>T[]</c> (<see cref="FixedLength"/> null: a length word, then the elements as a tuple) or <c>T[k]</c> (the
/// elements as a tuple of k, static when T is). Values are lists.
/// </summary>
public sealed class AbiArrayType : AbiType
{
    private readonly int headSize;

    public AbiArrayType(AbiType elementType, int? fixedLength = null)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        if (fixedLength < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fixedLength), fixedLength, "array length must not be negative");
        }

        ElementType = elementType;
        FixedLength = fixedLength;
        IsDynamic = fixedLength is null || elementType.IsDynamic;
        CanonicalName = elementType.CanonicalName + (fixedLength is { } k ? $"[{k}]" : "[]");
        headSize = IsDynamic ? WordSize : CheckedSize((long)fixedLength!.Value * elementType.HeadSize, CanonicalName);
    }

    public AbiType ElementType { get; }

    public int? FixedLength { get; }

    public override string CanonicalName { get; }

    public override bool IsDynamic { get; }

    public override int HeadSize => headSize;

    internal static int CheckedSize(long size, string type) =>
        size <= int.MaxValue ? (int)size : throw new ArgumentException($"{type} is too large to encode");
}

/// <summary>
/// <c>(T1,…,Tn)</c>, a Solidity struct: static (inlined) when every component is static, dynamic otherwise.
/// Values are lists in component order.
/// </summary>
public sealed class AbiTupleType : AbiType
{
    private readonly int headSize;

    /// <param name="components">Component types in order.</param>
    /// <param name="componentNames">Optional names (from a JSON ABI's <c>components</c>), one per component.</param>
    public AbiTupleType(IReadOnlyList<AbiType> components, IReadOnlyList<string>? componentNames = null)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (componentNames is not null && componentNames.Count != components.Count)
        {
            throw new ArgumentException($"{componentNames.Count} names for {components.Count} components", nameof(componentNames));
        }

        Components = [.. components];
        ComponentNames = componentNames is null ? [.. components.Select(_ => string.Empty)] : [.. componentNames];
        CanonicalName = "(" + string.Join(',', Components.Select(c => c.CanonicalName)) + ")";
        IsDynamic = Components.Any(c => c.IsDynamic);
        ComponentsHeadSize = AbiArrayType.CheckedSize(Components.Sum(c => (long)c.HeadSize), CanonicalName);
        headSize = IsDynamic ? WordSize : ComponentsHeadSize;
    }

    public IReadOnlyList<AbiType> Components { get; }

    /// <summary>One per component; empty where unnamed.</summary>
    public IReadOnlyList<string> ComponentNames { get; }

    public override string CanonicalName { get; }

    public override bool IsDynamic { get; }

    public override int HeadSize => headSize;

    /// <summary>The size of the tuple's own head, where its components' heads sit.</summary>
    internal int ComponentsHeadSize { get; }
}
