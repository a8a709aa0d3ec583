using System.Numerics;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments;

public class BigRationalTests
{
    [Fact]
    public void Values_are_kept_in_lowest_terms_with_positive_denominator()
    {
        var value = new BigRational(10, -4);
        Assert.Equal(-5, value.Numerator);
        Assert.Equal(2, value.Denominator);
        Assert.Equal("-5/2", value.ToString());
        Assert.Equal(new BigRational(-5, 2), value);
    }

    [Fact]
    public void Default_is_zero_over_one()
    {
        Assert.Equal(BigInteger.One, default(BigRational).Denominator);
        Assert.Equal(new BigRational(0, 7), BigRational.Zero);
        Assert.Equal(BigRational.Zero.GetHashCode(), new BigRational(0, 3).GetHashCode());
        Assert.Equal("0", BigRational.Zero.ToString());
    }

    [Fact]
    public void Zero_denominator_is_rejected()
    {
        Assert.Throws<DivideByZeroException>(() => new BigRational(1, 0));
    }

    [Fact]
    public void Arithmetic_and_comparison_are_exact()
    {
        var third = new BigRational(1, 3);
        var sixth = new BigRational(1, 6);
        Assert.Equal(new BigRational(1, 2), third + sixth);
        Assert.Equal(sixth, third - sixth);
        Assert.Equal(new BigRational(1, 18), third * sixth);
        Assert.True(sixth < third);
        Assert.True(third > sixth);
        Assert.True(third >= new BigRational(2, 6));
        Assert.True(third <= new BigRational(2, 6));
        Assert.True(third != sixth);
        Assert.Equal(1, third.Sign);
        Assert.Equal(-1, (sixth - third).Sign);
        Assert.Equal(new BigRational(3, 1), (BigRational)3);
    }

    [Theory]
    [InlineData(1, 3, 3, "0.333")]
    [InlineData(2, 3, 3, "0.667")]
    [InlineData(1, 2, 0, "1")]
    [InlineData(-1, 2, 0, "-1")]
    [InlineData(5, 2, 0, "3")]
    [InlineData(999, 1000, 2, "1.00")]
    [InlineData(-1, 3, 2, "-0.33")]
    [InlineData(1, 100, 5, "0.01000")]
    [InlineData(7, 1, 2, "7.00")]
    public void ToDecimalString_rounds_half_away_from_zero_like_go(long numerator, long denominator, int digits, string expected)
    {
        Assert.Equal(expected, new BigRational(numerator, denominator).ToDecimalString(digits));
    }
}
