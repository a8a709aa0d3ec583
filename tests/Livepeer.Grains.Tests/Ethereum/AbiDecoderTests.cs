using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;
using static Livepeer.Grains.Tests.Ethereum.AbiTestHex;

namespace Livepeer.Grains.Tests.Ethereum;

public class AbiDecoderTests
{
    private static object? DecodeOne(string type, byte[] data) => AbiDecoder.Decode([AbiType.Parse(type)], data)[0];

    [Fact]
    public void GetSenderInfo_returns_two_static_tuples_inlined_as_four_words()
    {
        var getSenderInfo = AbiFunction.Parse(
            "getSenderInfo(address) returns ((uint256 deposit, uint256 withdrawRound) sender, (uint256 fundsRemaining, uint256 claimedInCurrentRound) reserve)");
        Assert.Equal("0xe1a589da", getSenderInfo.SelectorHex);
        Assert.True(getSenderInfo.Outputs.All(o => !o.Type.IsDynamic));

        byte[] returnData = [.. Uint(BigInteger.Parse("2000000000000000000")), .. Uint(0), .. Uint(BigInteger.Parse("1000000000000000000")), .. Uint(12)];
        var result = getSenderInfo.DecodeOutput(returnData);

        Assert.Equal(128, returnData.Length);
        var sender = result.Get<object?[]>("sender");
        var reserve = result.Get<object?[]>("reserve");
        Assert.Equal([BigInteger.Parse("2000000000000000000"), BigInteger.Zero], sender);
        Assert.Equal([BigInteger.Parse("1000000000000000000"), new BigInteger(12)], reserve);

        // Encoding the same values gives back the same four words: no offsets anywhere.
        Assert.Equal(returnData, AbiEncoder.Encode(getSenderInfo.Outputs.Select(o => o.Type).ToArray(), [sender, reserve]));
        Assert.Throws<FormatException>(() => getSenderInfo.DecodeOutput(returnData[..96]));
    }

    [Fact]
    public void Output_types_can_be_given_at_decode_time()
    {
        var balanceOf = AbiFunction.Parse("balanceOf(address)");
        Assert.Empty(balanceOf.Outputs);
        Assert.Equal(new BigInteger(42), balanceOf.DecodeOutput(Uint(42), [AbiType.Uint256]).Get<BigInteger>(0));
        Assert.Equal(new BigInteger(42), AbiFunction.Parse("balanceOf(address) returns (uint256)").DecodeOutput(Uint(42))[0]);
    }

    [Fact]
    public void Empty_return_data_says_there_may_be_no_contract()
    {
        var error = Assert.Throws<FormatException>(() => AbiFunction.Parse("paused() returns (bool)").DecodeOutput([]));
        Assert.Equal("paused() returned no data; is there a contract at the called address?", error.Message);
        Assert.Empty(AbiFunction.Parse("unlock()").DecodeOutput([]));
    }

    [Fact]
    public void Named_results_are_readable_by_name()
    {
        var getReserveInfo = AbiFunction.Parse("getReserveInfo(address) returns (uint256 fundsRemaining, uint256 claimedInCurrentRound)");
        var result = getReserveInfo.DecodeOutput([.. Uint(5), .. Uint(6)]);
        Assert.Equal(new BigInteger(6), result["claimedInCurrentRound"]);
        Assert.Equal(new BigInteger(5), result.Get<BigInteger>("fundsRemaining"));
        Assert.Contains("no value named 'deposit'", Assert.Throws<KeyNotFoundException>(() => result["deposit"]).Message);
        Assert.Contains("not EthAddress", Assert.Throws<InvalidCastException>(() => result.Get<EthAddress>(0)).Message);
    }

    [Fact]
    public void DecodeInput_checks_the_selector()
    {
        var transfer = AbiFunction.Parse("transfer(address,uint256)");
        var approve = AbiFunction.Parse("approve(address,uint256)");
        var calldata = transfer.EncodeCall(EthAddress.Zero, 1);

        Assert.Equal(new BigInteger(1), transfer.DecodeInput(calldata)[1]);
        Assert.Contains("its selector is 0xa9059cbb", Assert.Throws<FormatException>(() => approve.DecodeInput(calldata)).Message);
        Assert.Contains("too short for a selector", Assert.Throws<FormatException>(() => approve.DecodeInput(calldata[..3])).Message);
    }

    [Theory]
    [InlineData("uint8", "0000000000000000000000000000000000000000000000000000000000000100", "high bits are set")]
    [InlineData("uint64", "0000000000000000000000000000000000000000000000010000000000000000", "high bits are set")]
    [InlineData("int8", "0000000000000000000000000000000000000000000000000000000000000080", "not sign-extended")]
    [InlineData("int8", "ff00000000000000000000000000000000000000000000000000000000000000", "not sign-extended")]
    [InlineData("address", "00000000000000000000000100000000000000000000000000000000000000aa", "12 high bytes")]
    [InlineData("bool", "0000000000000000000000000000000000000000000000000000000000000002", "neither 0 nor 1")]
    [InlineData("bool", "0100000000000000000000000000000000000000000000000000000000000001", "neither 0 nor 1")]
    [InlineData("bytes4", "0102030405000000000000000000000000000000000000000000000000000000", "padding")]
    public void Dirty_words_are_rejected(string type, string word, string why)
    {
        var error = Assert.Throws<FormatException>(() => DecodeOne(type, Bytes(word)));
        Assert.Contains($"not a valid {type}", error.Message);
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void Clean_words_decode()
    {
        Assert.Equal(new BigInteger(-128), DecodeOne("int8", Bytes(new string('f', 62) + "80")));
        Assert.Equal(new BigInteger(255), DecodeOne("uint8", Uint(255)));
        Assert.Equal(true, DecodeOne("bool", Uint(1)));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, DecodeOne("bytes4", Bytes("01020304" + new string('0', 56))));
        Assert.Equal(Address("0x00000000000000000000000000000000000000aa"), DecodeOne("address", Uint(0xaa)));
    }

    [Theory]
    [InlineData("uint256", "")]
    [InlineData("uint256", "00000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("(uint256,uint256)", "0000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("uint256[2]", "0000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("bytes", "")]
    public void Data_shorter_than_the_head_is_rejected(string type, string hex)
    {
        var error = Assert.Throws<FormatException>(() => DecodeOne(type, Bytes(hex)));
        Assert.StartsWith("ABI data too short", error.Message);
    }

    [Fact]
    public void Offsets_past_the_end_are_rejected()
    {
        Assert.Contains("past the end", Assert.Throws<FormatException>(() => DecodeOne("bytes", Uint(0x40))).Message);
        Assert.Contains("ABI data too short", Assert.Throws<FormatException>(() => DecodeOne("bytes", Uint(0x20))).Message);
        Assert.Contains("larger than any data", Assert.Throws<FormatException>(() => DecodeOne("bytes", Uint(BigInteger.One << 255))).Message);
        Assert.Contains("larger than any data", Assert.Throws<FormatException>(() => DecodeOne("bytes", Uint(uint.MaxValue))).Message);

        // In a tuple the offset counts from the tuple start, so 0x7fffffff + start must not wrap around.
        byte[] nested = [.. Uint(0x20), .. Uint(int.MaxValue)];
        Assert.Throws<FormatException>(() => DecodeOne("(bytes)", nested));
    }

    [Fact]
    public void Lengths_past_the_end_are_rejected()
    {
        byte[] bytes = [.. Uint(0x20), .. Uint(33), .. new byte[32]];
        Assert.Contains("has length 33, past the end", Assert.Throws<FormatException>(() => DecodeOne("bytes", bytes)).Message);
        Assert.Contains("past the end", Assert.Throws<FormatException>(() => DecodeOne("string", bytes)).Message);

        byte[] array = [.. Uint(0x20), .. Uint(int.MaxValue)];
        Assert.Contains("more elements than", Assert.Throws<FormatException>(() => DecodeOne("uint256[]", array)).Message);
        Assert.Contains("more elements than", Assert.Throws<FormatException>(() => DecodeOne("bytes[]", array)).Message);
        Assert.Contains("more elements than", Assert.Throws<FormatException>(() => DecodeOne("uint256[]", [.. Uint(0x20), .. Uint(2), .. Uint(1)])).Message);
    }

    [Fact]
    public void Contents_need_no_trailing_padding_and_trailing_data_is_ignored()
    {
        byte[] unpadded = [.. Uint(0x20), .. Uint(3), 0x61, 0x62, 0x63];
        Assert.Equal("abc", DecodeOne("string", unpadded));
        Assert.Equal(new BigInteger(7), DecodeOne("uint256", [.. Uint(7), .. Uint(8)]));
    }

    [Fact]
    public void Invalid_utf8_in_a_string_decodes_with_replacement_characters()
    {
        byte[] data = [.. Uint(0x20), .. Uint(2), 0xff, 0x61, .. new byte[30]];
        Assert.Equal("\ufffda", DecodeOne("string", data));
    }

    [Fact]
    public void Overlapping_offsets_cannot_blow_up_a_small_input()
    {
        // A bytes[] of 1,000 elements that all point at one 10 kB value: 42 kB in, 10 MB out.
        const int Count = 1_000, Length = 10_000;
        var data = new List<byte>();
        data.AddRange(Uint(0x20));
        data.AddRange(Uint(Count));
        for (var i = 0; i < Count; i++)
        {
            data.AddRange(Uint(Count * 32));
        }

        data.AddRange(Uint(Length));
        data.AddRange(new byte[Length]);

        var error = Assert.Throws<FormatException>(() => DecodeOne("bytes[]", [.. data]));
        Assert.Contains("far larger than the data", error.Message);
    }

    [Fact]
    public void A_huge_array_of_empty_tuples_is_rejected()
    {
        Assert.Throws<FormatException>(() => DecodeOne("()[]", [.. Uint(0x20), .. Uint(int.MaxValue)]));
        Assert.Equal(new object?[] { Array.Empty<object?>(), Array.Empty<object?>() }, DecodeOne("()[]", [.. Uint(0x20), .. Uint(2)]));
    }

    [Fact]
    public void Static_tuple_outputs_are_decoded_with_their_components()
    {
        var getTranscoderEarningsPoolForRound = AbiFunction.Parse(
            "getTranscoderEarningsPoolForRound(address,uint256) returns (uint256 totalStake, uint256 transcoderRewardCut,"
            + " uint256 transcoderFeeShare, uint256 cumulativeRewardFactor, uint256 cumulativeFeeFactor)");
        var data = Enumerable.Range(1, 5).SelectMany(i => Uint(i)).ToArray();
        var result = getTranscoderEarningsPoolForRound.DecodeOutput(data);
        Assert.Equal(new BigInteger(5), result["cumulativeFeeFactor"]);
        Assert.Equal(5, result.Count);
    }
}
