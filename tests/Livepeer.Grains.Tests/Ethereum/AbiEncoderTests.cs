using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;
using static Livepeer.Grains.Tests.Ethereum.AbiTestHex;

namespace Livepeer.Grains.Tests.Ethereum;

public class AbiEncoderTests
{
    private static byte[] Encode(string type, object? value) => AbiEncoder.Encode([AbiType.Parse(type)], [value]);

    [Theory]
    [InlineData("uint8", "256")]
    [InlineData("uint8", "-1")]
    [InlineData("uint256", "-1")]
    [InlineData("uint256", "115792089237316195423570985008687907853269984665640564039457584007913129639936")]
    [InlineData("int8", "128")]
    [InlineData("int8", "-129")]
    [InlineData("int256", "57896044618658097711785492504343953926634992332820282019728792003956564819968")]
    [InlineData("uint64", "18446744073709551616")]
    public void Out_of_range_integers_are_rejected(string type, string value)
    {
        var error = Assert.Throws<AbiEncodingException>(() => Encode(type, BigInteger.Parse(value)));
        Assert.Contains($"{value} is out of range for {type}", error.Message);
    }

    [Fact]
    public void Range_errors_name_the_bounds()
    {
        Assert.Equal("[0]: 256 is out of range for uint8 (0 to 255)", Assert.Throws<AbiEncodingException>(() => Encode("uint8", 256)).Message);
        Assert.Equal("[0]: -129 is out of range for int8 (-128 to 127)", Assert.Throws<AbiEncodingException>(() => Encode("int8", -129)).Message);
        Assert.EndsWith("(0 to 2^256-1)", Assert.Throws<AbiEncodingException>(() => Encode("uint256", -1)).Message);
    }

    [Fact]
    public void Integer_bounds_are_accepted()
    {
        Assert.Equal(Hex(Uint(255)), Hex(Encode("uint8", (byte)255)));
        Assert.Equal(new string('f', 64), Hex(Encode("uint256", Livepeer.Payments.BigIntegerEncoding.MaxUint256)));
        Assert.Equal(new string('f', 62) + "80", Hex(Encode("int8", -128)));
        Assert.Equal(new string('0', 62) + "7f", Hex(Encode("int8", 127)));
    }

    [Theory]
    [InlineData("int256", -1L, "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [InlineData("int16", -129L, "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    [InlineData("int64", long.MinValue, "ffffffffffffffffffffffffffffffffffffffffffffffff8000000000000000")]
    [InlineData("int256", 1L, "0000000000000000000000000000000000000000000000000000000000000001")]
    public void Negative_integers_are_twos_complement_sign_extended(string type, long value, string hex)
    {
        Assert.Equal(hex, Hex(Encode(type, value)));
        Assert.Equal((BigInteger)value, AbiDecoder.Decode([AbiType.Parse(type)], Bytes(hex))[0]);
    }

    [Fact]
    public void Every_dotnet_integer_type_is_accepted()
    {
        object[] values = [(byte)7, (sbyte)7, (short)7, (ushort)7, 7, 7u, 7L, 7ul, (Int128)7, (UInt128)7, new BigInteger(7)];
        Assert.All(values, v => Assert.Equal(Hex(Uint(7)), Hex(Encode("uint32", v))));
    }

    [Fact]
    public void Addresses_are_left_padded_and_fixed_bytes_right_padded()
    {
        var address = Address("0x19e7e376e7c213b7e7e7e46cc70a5dd086daff2a");
        Assert.Equal("00000000000000000000000019e7e376e7c213b7e7e7e46cc70a5dd086daff2a", Hex(Encode("address", address)));
        Assert.Equal("0102030000000000000000000000000000000000000000000000000000000000", Hex(Encode("bytes3", new byte[] { 1, 2, 3 })));
        Assert.Equal(new string('0', 63) + "1", Hex(Encode("bool", true)));
        Assert.Equal(new string('0', 64), Hex(Encode("bool", false)));
    }

    [Fact]
    public void Bytes32_takes_a_hash32()
    {
        var hash = Hash32.FromBytes(Keccak256.Hash("x"u8));
        Assert.Equal(hash.ToArray(), Encode("bytes32", hash));
        Assert.Throws<AbiEncodingException>(() => Encode("bytes31", hash));
    }

    [Fact]
    public void Fixed_bytes_need_the_exact_length()
    {
        var error = Assert.Throws<AbiEncodingException>(() => Encode("bytes32", new byte[31]));
        Assert.Equal("[0]: bytes32 needs exactly 32 bytes, got 31", error.Message);
        Assert.Throws<AbiEncodingException>(() => Encode("bytes4", new byte[5]));
    }

    [Fact]
    public void Strings_and_bytes_are_a_length_then_right_padded_contents()
    {
        Assert.Equal(
            Hex(Uint(0x20)) + Hex(Uint(5)) + "68656c6c6f" + new string('0', 54),
            Hex(Encode("string", "hello")));
        Assert.Equal(Hex(Uint(0x20)) + Hex(Uint(0)), Hex(Encode("bytes", Array.Empty<byte>())));
        Assert.Equal(Hex(Uint(0x20)) + Hex(Uint(32)) + new string('a', 64), Hex(Encode("bytes", Fill(0xaa, 32))));
        Assert.Equal(0x20 + 0x20 + 0x40, Encode("bytes", new byte[33]).Length);
    }

    [Fact]
    public void A_string_with_a_lone_surrogate_is_rejected()
    {
        var error = Assert.Throws<AbiEncodingException>(() => Encode("string", "a\ud800b"));
        Assert.Contains("lone surrogate", error.Message);
    }

    [Fact]
    public void Static_tuples_and_fixed_arrays_are_inlined_without_offsets()
    {
        var address = Address("0x00000000000000000000000000000000000000aa");
        var encoded = AbiEncoder.Encode(
            [AbiType.Parse("(uint256,address)"), AbiType.Parse("uint16[2]"), AbiType.Bool],
            [new object?[] { 1, address }, new[] { 2, 3 }, true]);
        Assert.Equal(Hex([.. Uint(1), .. Padded(address), .. Uint(2), .. Uint(3), .. Uint(1)]), Hex(encoded));
    }

    [Fact]
    public void Fixed_arrays_of_dynamic_elements_are_dynamic()
    {
        var encoded = Encode("string[2]", new[] { "a", "b" });
        Assert.Equal(
            Hex([.. Uint(0x20), .. Uint(0x40), .. Uint(0x80), .. Uint(1), .. Bytes("61" + new string('0', 62)), .. Uint(1), .. Bytes("62" + new string('0', 62))]),
            Hex(encoded));
    }

    [Fact]
    public void Lists_value_tuples_and_sequences_are_accepted_for_arrays_and_tuples()
    {
        var expected = Encode("(uint256,bool)[]", new object?[] { new object?[] { 5, true } });
        Assert.Equal(expected, Encode("(uint256,bool)[]", new List<(int, bool)> { (5, true) }));
        Assert.Equal(expected, Encode("(uint256,bool)[]", Enumerable.Range(5, 1).Select(i => (i, true))));
        Assert.Equal(Encode("uint8[]", new object?[] { 1, 2 }), Encode("uint8[]", new byte[] { 1, 2 }));
        Assert.Equal(Encode("uint256[]", new object?[] { 1, 2 }), Encode("uint256[]", new List<BigInteger> { 1, 2 }));
    }

    [Fact]
    public void Wrong_dotnet_types_are_rejected_with_the_expected_type()
    {
        Assert.Equal("[0]: uint256 needs an integer (BigInteger, long, int, ...), got String", Assert.Throws<AbiEncodingException>(() => Encode("uint256", "1")).Message);
        Assert.Equal("[0]: address needs an EthAddress, got String", Assert.Throws<AbiEncodingException>(() => Encode("address", "0x00")).Message);
        Assert.Equal("[0]: bool needs a bool, got Int32", Assert.Throws<AbiEncodingException>(() => Encode("bool", 1)).Message);
        Assert.Equal("[0]: bytes needs a byte[], got null", Assert.Throws<AbiEncodingException>(() => Encode("bytes", null)).Message);
        Assert.Equal("[0]: string needs a string, got Byte[]", Assert.Throws<AbiEncodingException>(() => Encode("string", new byte[1])).Message);
        Assert.Contains("needs a list of values", Assert.Throws<AbiEncodingException>(() => Encode("uint8[]", "abc")).Message);
        Assert.Contains("needs a list of values", Assert.Throws<AbiEncodingException>(() => Encode("(uint8)", 5)).Message);
    }

    [Fact]
    public void Wrong_counts_are_rejected()
    {
        Assert.Equal("[0]: (uint256,bool) needs 2 values, got 1", Assert.Throws<AbiEncodingException>(() => Encode("(uint256,bool)", new object?[] { 1 })).Message);
        Assert.Equal("[0]: uint8[3] needs 3 values, got 2", Assert.Throws<AbiEncodingException>(() => Encode("uint8[3]", new[] { 1, 2 })).Message);
        Assert.Equal("expected 2 values, got 1", Assert.Throws<AbiEncodingException>(() => AbiEncoder.Encode([AbiType.Bool, AbiType.Bool], [true])).Message);
    }

    [Fact]
    public void Errors_name_the_path_to_the_bad_value()
    {
        var batch = AbiFunction.Parse(
            "batchRedeemWinningTickets((address recipient, address sender, uint256 faceValue, uint256 winProb, uint256 senderNonce,"
            + " bytes32 recipientRandHash, bytes auxData)[] tickets, bytes[] sigs, uint256[] rands)");
        object?[] Ticket(BigInteger faceValue) => [EthAddress.Zero, EthAddress.Zero, faceValue, 1, 1, new byte[32], Array.Empty<byte>()];

        var error = Assert.Throws<AbiEncodingException>(() => batch.EncodeCall(new[] { Ticket(1), Ticket(-5) }, Array.Empty<byte[]>(), Array.Empty<int>()));
        Assert.Equal("tickets[1].faceValue", error.Path);
        Assert.Equal("tickets[1].faceValue: -5 is out of range for uint256 (0 to 2^256-1)", error.Message);

        var unnamed = AbiFunction.Parse("f((uint8,bytes)[][2])");
        var nested = Assert.Throws<AbiEncodingException>(() => unnamed.EncodeCall([new[] { Array.Empty<object>(), new object[] { new object?[] { 1, new byte[1] }, new object?[] { 1, "x" } } }]));
        Assert.Equal("[0][1][1][1]", nested.Path);
    }

    [Fact]
    public void EncodeCall_checks_the_argument_count_and_explains_params_arrays()
    {
        var getTicketHash = AbiFunction.Parse("getTicketHash((address,address,uint256,uint256,uint256,bytes32,bytes))");
        object?[] ticket = [EthAddress.Zero, EthAddress.Zero, 1, 1, 1, new byte[32], new byte[64]];

        var error = Assert.Throws<AbiEncodingException>(() => getTicketHash.EncodeCall(ticket));
        Assert.Contains("takes 1 arguments, got 7", error.Message);
        Assert.Contains("EncodeCall([value])", error.Message);
        Assert.Equal(4 + 32 + (10 * 32), getTicketHash.EncodeCall([ticket]).Length);
        Assert.Equal("b03fa864", Hex(getTicketHash.EncodeCall([ticket]).AsSpan(0, 4)));
    }

    [Fact]
    public void A_call_without_arguments_is_the_selector()
    {
        Assert.Equal("8a19c8bc", Hex(AbiFunction.Parse("currentRound()").EncodeCall()));
    }
}
