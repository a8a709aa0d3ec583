using FsCheck.Xunit;
using Livepeer.Crypto;

namespace Livepeer.Grains.Tests.Crypto;

public class EthAddressTests
{
    // Examples from EIP-55.
    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7")]
    [InlineData("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
    [InlineData("0xde709f2102306220921060314715629080e2fb77")]
    [InlineData("0x27b1fdb04752bbc536007a920d24acb045561c26")]
    public void ToString_is_eip55_checksummed(string checksummed)
    {
        Assert.Equal(checksummed, EthAddress.Parse(checksummed.ToLowerInvariant()).ToString());
        Assert.Equal(checksummed, EthAddress.Parse(checksummed.ToUpperInvariant().Replace("0X", "0x")).ToString());
    }

    [Fact]
    public void Parse_accepts_missing_prefix()
    {
        Assert.Equal(
            EthAddress.Parse("0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F"),
            EthAddress.Parse("73AEd7b5dEb30222fa896f399d46cC99c7BEe57F"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedd")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAgd")]
    [InlineData(" 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    public void Parse_rejects_bad_hex_or_length(string text)
    {
        var error = Assert.Throws<FormatException>(() => EthAddress.Parse(text));
        Assert.Contains("invalid address", error.Message);
        Assert.False(EthAddress.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_rejects_null()
    {
        Assert.False(EthAddress.TryParse(null, out var address));
        Assert.Null(address);
    }

    [Fact]
    public void FromBytes_requires_twenty_bytes()
    {
        Assert.Throws<ArgumentException>(() => EthAddress.FromBytes(new byte[19]));
        Assert.Throws<ArgumentException>(() => EthAddress.FromBytes(new byte[21]));
    }

    [Fact]
    public void Zero_is_all_zero_bytes()
    {
        Assert.True(EthAddress.Zero.IsZero);
        Assert.Equal("0x0000000000000000000000000000000000000000", EthAddress.Zero.ToString());
        Assert.Equal(EthAddress.Zero, EthAddress.FromBytes(new byte[20]));
        Assert.False(EthAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").IsZero);
    }

    [Fact]
    public void Equality_is_by_value()
    {
        var a = EthAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        var b = EthAddress.Parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        var c = EthAddress.Parse("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359");
        Assert.True(a == b);
        Assert.True(a != c);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.Equals(null));
        Assert.True((EthAddress?)null == null);
        Assert.Single(new HashSet<EthAddress> { a, b });
    }

    [Fact]
    public void ToArray_returns_a_copy()
    {
        var address = EthAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        var copy = address.ToArray();
        copy[0] ^= 0xff;
        Assert.Equal(0x5a, address.Span[0]);
    }

    [Property(MaxTest = 200)]
    public bool Parse_round_trips_ToString(byte[] seed)
    {
        var address = EthAddress.FromBytes(Keccak256.Hash(seed).AsSpan(0, EthAddress.Length));
        return EthAddress.Parse(address.ToString()) == address;
    }
}
