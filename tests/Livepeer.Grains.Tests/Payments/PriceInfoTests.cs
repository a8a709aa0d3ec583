using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments;

public class PriceInfoTests
{
    [Fact]
    public void Price_is_reduced_by_gcd()
    {
        var price = new PriceInfo(1_200, 4_000);
        Assert.Equal(3, price.PricePerUnit);
        Assert.Equal(10, price.PixelsPerUnit);
        Assert.Equal(new PriceInfo(3, 10), price);
        Assert.Equal(new BigRational(3, 10), price.PricePerPixel);
    }

    [Fact]
    public void Zero_price_is_zero_over_one()
    {
        var price = new PriceInfo(0, 7);
        Assert.Equal(PriceInfo.Free, price);
        Assert.Equal(1, price.PixelsPerUnit);
        Assert.True(price.IsFree);
        Assert.False(new PriceInfo(1, 1).IsFree);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, -1)]
    [InlineData(-1, 1)]
    public void Invalid_prices_are_rejected(long pricePerUnit, long pixelsPerUnit)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PriceInfo(pricePerUnit, pixelsPerUnit));
    }
}
