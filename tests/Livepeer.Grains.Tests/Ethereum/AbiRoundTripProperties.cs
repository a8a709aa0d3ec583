using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Livepeer.Crypto;
using Livepeer.Ethereum;

namespace Livepeer.Grains.Tests.Ethereum;

/// <summary>Random types (nested dynamic tuples and arrays included) with random values of them.</summary>
public sealed record AbiCase(AbiType[] Types, object?[] Values)
{
    public override string ToString() =>
        $"({string.Join(",", Types.Select(t => t.CanonicalName))}) = {Show(Values)}";

    private static string Show(object? value) => value switch
    {
        object?[] items => "[" + string.Join(", ", items.Select(Show)) + "]",
        byte[] bytes => "0x" + Convert.ToHexStringLower(bytes),
        string text => "\"" + text + "\"",
        null => "null",
        _ => value.ToString()!,
    };
}

public static class AbiGenerators
{
    private static readonly string[] StringPieces = ["a", "Z", "0", " ", "é", "€", "😀", "\0", "line\n", "thirty-two bytes of text, exactly"];

    public static Arbitrary<AbiCase> Cases() =>
        Gen.Choose(0, 5)
            .SelectMany(count => TypeGen(3).ArrayOf(count))
            .SelectMany(types => Gen.CollectToArray(types, ValueGen).Select(values => new AbiCase(types, values)))
            .ToArbitrary();

    public static Gen<AbiType> TypeGen(int depth)
    {
        var elementary = Gen.OneOf(
            Gen.Choose(1, 32).Select(n => (AbiType)new AbiIntegerType(n * 8, signed: false)),
            Gen.Choose(1, 32).Select(n => (AbiType)new AbiIntegerType(n * 8, signed: true)),
            Gen.Elements(AbiType.Address, AbiType.Bool, AbiType.Bytes, AbiType.String, AbiType.Uint256, AbiType.Bytes32),
            Gen.Choose(1, 32).Select(n => (AbiType)new AbiFixedBytesType(n)));
        if (depth == 0)
        {
            return elementary;
        }

        var inner = TypeGen(depth - 1);
        return Gen.Frequency(
            (3, elementary),
            (1, inner.Select(t => (AbiType)new AbiArrayType(t))),
            (1, Gen.Choose(0, 3).SelectMany(k => inner.Select(t => (AbiType)new AbiArrayType(t, k)))),
            (2, Gen.Choose(0, 4).SelectMany(n => inner.ArrayOf(n)).Select(ts => (AbiType)new AbiTupleType(ts))));
    }

    public static Gen<object?> ValueGen(AbiType type) => type switch
    {
        AbiIntegerType integer => IntegerGen(integer),
        AbiAddressType => BytesGen(EthAddress.Length).Select(b => (object?)EthAddress.FromBytes(b)),
        AbiBoolType => Gen.Elements<object?>(true, false),
        AbiFixedBytesType fixedBytes => BytesGen(fixedBytes.Length).Select(b => (object?)b),
        AbiBytesType => Gen.Choose(0, 70).SelectMany(BytesGen).Select(b => (object?)b),
        AbiStringType => Gen.Elements(StringPieces).ListOf().Select(pieces => (object?)string.Concat(pieces.Take(6))),
        AbiArrayType { FixedLength: { } k } array => Gen.CollectToArray(Enumerable.Repeat(array.ElementType, k), ValueGen).Select(v => (object?)v),
        AbiArrayType array => Gen.Choose(0, 3).SelectMany(n => Gen.CollectToArray(Enumerable.Repeat(array.ElementType, n), ValueGen)).Select(v => (object?)v),
        AbiTupleType tuple => Gen.CollectToArray(tuple.Components, ValueGen).Select(v => (object?)v),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static Gen<byte[]> BytesGen(int length) => Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(length);

    /// <summary>Uniform over the type's range, with its bounds and small values over-weighted.</summary>
    private static Gen<object?> IntegerGen(AbiIntegerType type)
    {
        var uniform = BytesGen(type.Bits / 8).Select(bytes =>
        {
            var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
            return type.IsSigned && value > type.MaxValue ? value - (BigInteger.One << type.Bits) : value;
        });
        var edges = Gen.Elements(type.MinValue, type.MaxValue, BigInteger.Zero, BigInteger.One, type.IsSigned ? BigInteger.MinusOne : type.MaxValue - 1);
        return Gen.Frequency((3, uniform), (1, edges)).Select(v => (object?)v);
    }
}

[Properties(Arbitrary = [typeof(AbiGenerators)], MaxTest = 300)]
public class AbiRoundTripProperties
{
    [Property]
    public bool Decode_inverts_encode(AbiCase abiCase)
    {
        var encoded = AbiEncoder.Encode(abiCase.Types, abiCase.Values);
        return encoded.Length % AbiType.WordSize == 0
            && encoded.Length >= abiCase.Types.Sum(t => t.HeadSize)
            && DeepEqual(abiCase.Values, AbiDecoder.Decode(abiCase.Types, encoded));
    }

    [Property]
    public bool Calldata_round_trips_through_a_function(AbiCase abiCase)
    {
        var function = new AbiFunction("f", AbiParameter.Unnamed(abiCase.Types));
        var calldata = function.EncodeCall(abiCase.Values);
        return calldata.AsSpan(0, 4).SequenceEqual(function.Selector)
            && DeepEqual(abiCase.Values, function.DecodeInput(calldata).ToArray());
    }

    [Property]
    public bool Canonical_names_parse_back_to_the_same_type(AbiCase abiCase) =>
        abiCase.Types.All(t => AbiType.Parse(t.CanonicalName) is var parsed && parsed == t && parsed.CanonicalName == t.CanonicalName
            && parsed.IsDynamic == t.IsDynamic && parsed.HeadSize == t.HeadSize);

    [Property]
    public bool Truncated_data_fails_only_with_a_format_exception(AbiCase abiCase, PositiveInt cut)
    {
        var encoded = AbiEncoder.Encode(abiCase.Types, abiCase.Values);
        return encoded.Length == 0 || DecodesOrRejects(abiCase.Types, encoded[..(cut.Get % encoded.Length)]);
    }

    [Property]
    public bool Corrupted_data_fails_only_with_a_format_exception(AbiCase abiCase, PositiveInt position, byte value)
    {
        var encoded = AbiEncoder.Encode(abiCase.Types, abiCase.Values);
        if (encoded.Length == 0)
        {
            return true;
        }

        // Corrupt a whole word's low byte or any byte: offsets and lengths live in low bytes.
        var at = position.Get % encoded.Length;
        encoded[at] = value;
        encoded[(at | 31) - (position.Get % 3)] ^= value;
        return DecodesOrRejects(abiCase.Types, encoded);
    }

    [Property(MaxTest = 200)]
    public bool Random_bytes_fail_only_with_a_format_exception(AbiCase abiCase, byte[] noise) =>
        DecodesOrRejects(abiCase.Types, noise);

    private static bool DecodesOrRejects(AbiType[] types, byte[] data)
    {
        try
        {
            AbiDecoder.Decode(types, data);
            return true;
        }
        catch (FormatException)
        {
            return true;
        }
    }

    internal static bool DeepEqual(object? expected, object? actual) => (expected, actual) switch
    {
        (object?[] e, object?[] a) => e.Length == a.Length && e.Zip(a).All(p => DeepEqual(p.First, p.Second)),
        (byte[] e, byte[] a) => e.AsSpan().SequenceEqual(a),
        _ => Equals(expected, actual),
    };
}
