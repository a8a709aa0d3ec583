using System.Numerics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Livepeer.Ethereum;

namespace Livepeer.Grains.Tests.Ethereum;

/// <summary>RLP: the canonical published examples, length boundaries, round trips and strict decoding.</summary>
public class RlpTests
{
    private const string Lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";

    // The examples of ethereum.org's RLP page (developers/docs/data-structures-and-encoding/rlp, "Examples").
    [Fact]
    public void Published_examples_encode_as_documented()
    {
        Assert.Equal("83646f67", Hex(Rlp.EncodeBytes("dog"u8)));
        Assert.Equal("c88363617483646f67", Hex(Rlp.EncodeList(Rlp.EncodeBytes("cat"u8), Rlp.EncodeBytes("dog"u8))));
        Assert.Equal("80", Hex(Rlp.EncodeBytes([])));
        Assert.Equal("c0", Hex(Rlp.EncodeList()));
        Assert.Equal("80", Hex(Rlp.EncodeInteger(0UL)));
        Assert.Equal("80", Hex(Rlp.EncodeInteger(BigInteger.Zero)));
        Assert.Equal("00", Hex(Rlp.EncodeBytes([0x00])));
        Assert.Equal("0f", Hex(Rlp.EncodeBytes([0x0f])));
        Assert.Equal("0f", Hex(Rlp.EncodeInteger(15UL)));
        Assert.Equal("820400", Hex(Rlp.EncodeInteger(1024UL)));
        Assert.Equal("820400", Hex(Rlp.EncodeInteger(new BigInteger(1024))));

        // The set-theoretic three: [ [], [[]], [ [], [[]] ] ].
        var empty = Rlp.EncodeList();
        var one = Rlp.EncodeList(empty);
        Assert.Equal("c7c0c1c0c3c0c1c0", Hex(Rlp.EncodeList(empty, one, Rlp.EncodeList(empty, one))));

        // 56 bytes: the first string that needs the long form.
        var lorem = Rlp.EncodeBytes(Encoding.ASCII.GetBytes(Lorem));
        Assert.Equal("b838" + Hex(Encoding.ASCII.GetBytes(Lorem)), Hex(lorem));

        // "a 1024 byte long string would be encoded as \xb9\x04\x00 followed by the string".
        Assert.Equal("b90400", Hex(Rlp.EncodeBytes(new byte[1024])[..3]));
    }

    [Fact]
    public void Published_examples_decode_back()
    {
        Assert.Equal("dog"u8.ToArray(), Rlp.Decode(Convert.FromHexString("83646f67")).Bytes.ToArray());

        var list = Rlp.Decode(Convert.FromHexString("c88363617483646f67"));
        Assert.Equal(["cat", "dog"], list.Items.Select(item => Encoding.ASCII.GetString(item.Bytes.Span)));

        Assert.True(Rlp.Decode([0x80]).Bytes.IsEmpty);
        Assert.Empty(Rlp.Decode([0xc0]).Items);
        Assert.Equal(BigInteger.Zero, Rlp.Decode([0x80]).ReadBigInteger("zero"));
        Assert.Equal(15UL, Rlp.Decode([0x0f]).ReadUInt64("fifteen"));
        Assert.Equal(1024UL, Rlp.Decode([0x82, 0x04, 0x00]).ReadUInt64("1024"));

        var three = Rlp.Decode(Convert.FromHexString("c7c0c1c0c3c0c1c0"));
        Assert.Equal("[[], [[]], [[], [[]]]]", three.ToString());
        Assert.Equal(Lorem, Encoding.ASCII.GetString(Rlp.Decode(Rlp.EncodeBytes(Encoding.ASCII.GetBytes(Lorem))).Bytes.Span));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(65535)]
    [InlineData(65536)]
    public void Strings_and_lists_switch_to_the_long_form_above_55_bytes(int length)
    {
        var value = Enumerable.Range(0, length).Select(i => (byte)(0x80 | i)).ToArray();
        var encoded = Rlp.EncodeBytes(value);
        var lengthOfLength = length <= 55 ? 0 : length <= 255 ? 1 : length <= 65535 ? 2 : 3;
        Assert.Equal(1 + lengthOfLength + length, encoded.Length);
        Assert.Equal(length <= 55 ? 0x80 + length : 0xb7 + lengthOfLength, encoded[0]);
        Assert.Equal(value, Rlp.Decode(encoded).Bytes.ToArray());

        // A list whose payload is the same bytes, as `length` single-byte items below 0x80.
        var items = Enumerable.Repeat(Rlp.EncodeBytes([0x01]), length).ToArray();
        var list = Rlp.EncodeList(items);
        Assert.Equal(length <= 55 ? 0xc0 + length : 0xf7 + lengthOfLength, list[0]);
        Assert.Equal(length, Rlp.Decode(list).Items.Count);
    }

    [Theory]
    [InlineData(0UL, "80")]
    [InlineData(1UL, "01")]
    [InlineData(0x7fUL, "7f")]
    [InlineData(0x80UL, "8180")]
    [InlineData(0xffUL, "81ff")]
    [InlineData(0x100UL, "820100")]
    [InlineData(20_000_000_000UL, "8504a817c800")] // EIP-155's gas price
    [InlineData(ulong.MaxValue, "88ffffffffffffffff")]
    public void Integers_are_minimal_big_endian(ulong value, string expected)
    {
        Assert.Equal(expected, Hex(Rlp.EncodeInteger(value)));
        Assert.Equal(expected, Hex(Rlp.EncodeInteger(new BigInteger(value))));
        Assert.Equal(value, Rlp.Decode(Convert.FromHexString(expected)).ReadUInt64("value"));
        Assert.Equal(new BigInteger(value), Rlp.Decode(Convert.FromHexString(expected)).ReadBigInteger("value"));
    }

    [Fact]
    public void Big_integers_up_to_uint256_round_trip_and_negatives_are_refused()
    {
        var max = (BigInteger.One << 256) - 1;
        var encoded = Rlp.EncodeInteger(max);
        Assert.Equal("a0" + new string('f', 64), Hex(encoded));
        Assert.Equal(max, Rlp.Decode(encoded).ReadBigInteger("max"));

        // One byte more than uint256 decodes as bytes but not as an integer of the default width.
        var tooWide = Rlp.Decode(Rlp.EncodeInteger(BigInteger.One << 256));
        Assert.Contains("exceeds 32", Assert.Throws<FormatException>(() => tooWide.ReadBigInteger("value")).Message);
        Assert.Throws<FormatException>(() => Rlp.Decode(Rlp.EncodeInteger(BigInteger.One << 64)).ReadUInt64("value"));

        Assert.Throws<ArgumentOutOfRangeException>(() => Rlp.EncodeInteger(BigInteger.MinusOne));
    }

    [Theory]
    [InlineData("", "ends where an item should start")]
    [InlineData("83646f", "truncated")]            // "dog" missing its last byte
    [InlineData("b8", "truncated")]                // long string without its length
    [InlineData("b90400", "truncated")]            // 1024 bytes announced, none given
    [InlineData("c88363617483646f", "truncated")]  // ["cat","dog"] cut short
    [InlineData("c283646f67", "truncated")]        // an item running past its list
    [InlineData("81", "truncated")]
    [InlineData("8100", "non-canonical single byte")]
    [InlineData("817f", "non-canonical single byte")]
    [InlineData("b80100", "long-form length 1")]   // one byte in the long form
    [InlineData("b837" + "00", "long-form length 55")]
    [InlineData("b90038", "leading zero")]         // 56 written as 0x0038
    [InlineData("f800", "leading zero")]           // an empty list in the long form
    [InlineData("f801c0", "long-form length 1")]
    [InlineData("f90038", "leading zero")]
    [InlineData("bbffffffff", "truncated")]        // 4 GiB announced
    [InlineData("bf0100000000000000", "truncated")] // 2^56 bytes announced
    [InlineData("8080", "trailing bytes")]
    [InlineData("c0c0", "trailing bytes")]
    public void Non_canonical_or_truncated_input_is_rejected(string hex, string reason)
    {
        var error = Assert.Throws<FormatException>(() => Rlp.Decode(Convert.FromHexString(hex)));
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("00", "leading zero")]      // zero must be the empty string
    [InlineData("820001", "leading zero")]
    [InlineData("c0", "expected a byte string")]
    public void Integers_must_be_canonical(string hex, string reason)
    {
        var item = Rlp.Decode(Convert.FromHexString(hex));
        Assert.Contains(reason, Assert.Throws<FormatException>(() => item.ReadUInt64("nonce")).Message);
        Assert.Contains(reason, Assert.Throws<FormatException>(() => item.ReadBigInteger("value")).Message);
    }

    [Fact]
    public void Nesting_is_bounded()
    {
        static byte[] Nested(int depth) => depth == 0 ? Rlp.EncodeList() : Rlp.EncodeList(Nested(depth - 1));

        // Nested(d) is d + 1 lists deep.
        Assert.True(Rlp.Decode(Nested(Rlp.MaxDepth - 1)).IsList);
        Assert.Contains("nested deeper", Assert.Throws<FormatException>(() => Rlp.Decode(Nested(Rlp.MaxDepth))).Message);
    }

    public static Arbitrary<RlpItem> Items() => ItemGen(3).ToArbitrary();

    [Property(MaxTest = 300, Arbitrary = [typeof(RlpTests)])]
    public bool Any_tree_round_trips_through_its_encoding(RlpItem item)
    {
        var encoded = Rlp.Encode(item);
        return encoded.AsSpan().SequenceEqual(Rlp.Encode(Rlp.Decode(encoded))) && item.ToString() == Rlp.Decode(encoded).ToString();
    }

    [Property(MaxTest = 300)]
    public bool Any_non_negative_integer_round_trips(byte[] bytes)
    {
        var value = new BigInteger(bytes.Take(32).ToArray(), isUnsigned: true, isBigEndian: true);
        return Rlp.Decode(Rlp.EncodeInteger(value)).ReadBigInteger("value") == value;
    }

    private static Gen<RlpItem> ItemGen(int depth)
    {
        var strings = Gen.Choose(0, 70)
            .SelectMany(length => Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(length))
            .Select(bytes => RlpItem.OfBytes(bytes));
        return depth == 0
            ? strings
            : Gen.OneOf(strings, Gen.Choose(0, 5).SelectMany(count => ItemGen(depth - 1).ArrayOf(count)).Select(RlpItem.OfList));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
