using System.Numerics;
using FsCheck.Xunit;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments;

public class BigIntegerEncodingTests
{
    [Theory]
    [InlineData("0", "")]
    [InlineData("1", "01")]
    [InlineData("255", "ff")]
    [InlineData("256", "0100")]
    [InlineData("32768", "8000")]
    public void Minimal_bytes_match_go_big_int_bytes(string value, string expectedHex)
    {
        var bytes = BigIntegerEncoding.ToMinimalBytes(BigInteger.Parse(value));
        Assert.Equal(expectedHex, Convert.ToHexStringLower(bytes));
        Assert.Equal(bytes.Length, BigIntegerEncoding.MinimalLength(BigInteger.Parse(value)));
    }

    [Fact]
    public void Max_uint256_has_no_sign_byte()
    {
        Assert.Equal(Enumerable.Repeat((byte)0xff, 32), BigIntegerEncoding.ToMinimalBytes(BigIntegerEncoding.MaxUint256));
        Assert.Equal(Enumerable.Repeat((byte)0xff, 32), BigIntegerEncoding.ToUint256Bytes(BigIntegerEncoding.MaxUint256));
    }

    [Fact]
    public void Uint256_is_left_padded()
    {
        Assert.Equal("0000000000000000000000000000000000000000000000000000000000000000", Convert.ToHexStringLower(BigIntegerEncoding.ToUint256Bytes(0)));
        Assert.Equal("00000000000000000000000000000000000000000000000000000000000001f4", Convert.ToHexStringLower(BigIntegerEncoding.ToUint256Bytes(500)));
    }

    [Fact]
    public void Out_of_range_values_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BigIntegerEncoding.ToMinimalBytes(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BigIntegerEncoding.ToUint256Bytes(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BigIntegerEncoding.ToUint256Bytes(BigIntegerEncoding.MaxUint256 + 1));
        Assert.False(BigIntegerEncoding.IsUint256(BigInteger.One << 256));
        Assert.True(BigIntegerEncoding.IsUint256(0));
    }

    [Fact]
    public void WriteMinimal_rejects_short_destination()
    {
        Assert.Throws<ArgumentException>(() => BigIntegerEncoding.WriteMinimal(65_536, new byte[2]));
        Assert.Equal(0, BigIntegerEncoding.WriteMinimal(0, []));
    }

    [Property(MaxTest = 300)]
    public bool Minimal_form_round_trips_and_drops_leading_zeros(byte[] bytes)
    {
        var value = BigIntegerEncoding.FromUnsigned(bytes);
        var minimal = BigIntegerEncoding.ToMinimalBytes(value);
        var firstNonZero = Array.FindIndex(bytes, b => b != 0);
        var expected = firstNonZero < 0 ? [] : bytes[firstNonZero..];
        return minimal.AsSpan().SequenceEqual(expected) && BigIntegerEncoding.FromUnsigned(minimal) == value;
    }

    [Property(MaxTest = 300)]
    public bool Uint256_form_round_trips(byte[] bytes)
    {
        var value = BigIntegerEncoding.FromUnsigned(bytes.Length > 32 ? bytes[..32] : bytes);
        var padded = BigIntegerEncoding.ToUint256Bytes(value);
        return padded.Length == 32 && BigIntegerEncoding.FromUnsigned(padded) == value;
    }
}
