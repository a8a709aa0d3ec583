using System.Numerics;
using Livepeer.Ethereum;

namespace Livepeer.Grains.Tests.Ethereum;

public class JsonRpcHexTests
{
    [Theory]
    [InlineData(0, "0x0")]
    [InlineData(1, "0x1")]
    [InlineData(255, "0xff")]
    [InlineData(256, "0x100")]
    [InlineData(42161, "0xa4b1")]
    public void Quantities_have_no_leading_zeros(long value, string hex)
    {
        Assert.Equal(hex, JsonRpcHex.FromQuantity(value));
        Assert.Equal(hex, JsonRpcHex.FromQuantity(new BigInteger(value)));
        Assert.Equal(value, JsonRpcHex.ToInt64(hex));
    }

    [Fact]
    public void A_uint256_quantity_round_trips()
    {
        var max = (BigInteger.One << 256) - 1;

        Assert.Equal("0x" + new string('f', 64), JsonRpcHex.FromQuantity(max));
        Assert.Equal(max, JsonRpcHex.ToBigInteger("0x" + new string('f', 64)));
    }

    [Fact]
    public void Leading_zeros_and_upper_case_are_read()
    {
        Assert.Equal(26, JsonRpcHex.ToInt64("0x001A"));
        Assert.Equal(26, JsonRpcHex.ToInt64("0X1a"));
    }

    [Theory]
    [InlineData("1a")]
    [InlineData("0x")]
    [InlineData("0xzz")]
    [InlineData("")]
    public void Malformed_quantities_are_refused(string text) =>
        Assert.Throws<FormatException>(() => JsonRpcHex.ToBigInteger(text));

    [Fact]
    public void A_quantity_beyond_63_bits_is_refused_as_long() =>
        Assert.Throws<FormatException>(() => JsonRpcHex.ToInt64("0x8000000000000000"));

    [Fact]
    public void Negative_quantities_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonRpcHex.FromQuantity(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonRpcHex.FromQuantity(BigInteger.MinusOne));
    }

    [Fact]
    public void Data_is_two_digits_per_byte()
    {
        Assert.Equal("0x", JsonRpcHex.FromData([]));
        Assert.Equal("0x00ff10", JsonRpcHex.FromData([0x00, 0xff, 0x10]));
        Assert.Empty(JsonRpcHex.ToData("0x"));
        Assert.Equal(new byte[] { 0x00, 0xff, 0x10 }, JsonRpcHex.ToData("0x00FF10"));
        Assert.Throws<FormatException>(() => JsonRpcHex.ToData("0x123"));
        Assert.Throws<FormatException>(() => JsonRpcHex.ToData("00ff"));
    }
}
