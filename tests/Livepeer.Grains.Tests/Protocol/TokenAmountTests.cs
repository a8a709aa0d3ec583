using System.Numerics;
using Livepeer.Protocol.Ethereum;

namespace Livepeer.Grains.Tests.Protocol;

public sealed class TokenAmountTests
{
    [Theory]
    [InlineData("1000", "1000")]
    [InlineData("1ETH", "1000000000000000000")]
    [InlineData("0.5 ETH", "500000000000000000")]
    [InlineData("1000LPT", "1000000000000000000000")]
    [InlineData(".25eth", "250000000000000000")]
    [InlineData("0.000000000000000001ETH", "1")]
    public void Wei_or_a_decimal_with_a_unit(string text, string wei) =>
        Assert.Equal(BigInteger.Parse(wei), TokenAmount.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("1e18")]
    [InlineData("0.0000000000000000001ETH")]
    [InlineData("ETH")]
    [InlineData("1.2.3ETH")]
    public void Anything_else_is_refused(string text) => Assert.Throws<FormatException>(() => TokenAmount.Parse(text));

    [Fact]
    public void Formats_wei_with_units() => Assert.Equal("1500000000000000000 (1.5)", TokenAmount.Format(BigInteger.Parse("1500000000000000000")));
}
