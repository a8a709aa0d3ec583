using System.Numerics;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments;

public class TicketParamsConfigTests
{
    private static readonly BigInteger Gwei = 1_000_000_000;
    private static readonly TicketParamsConfig Config = new();

    [Fact]
    public void Defaults_are_go_livepeers_for_arbitrum()
    {
        Assert.Equal(new BigInteger(8_000_000_000), Config.EV);
        Assert.Equal(1_200_000, Config.RedeemGas);
        Assert.Equal(100, Config.TxCostMultiplier);
        Assert.Equal(BigInteger.Zero, Config.MaxFaceValue);
        Assert.Equal(3 * Gwei, TicketParamsConfig.AvgGasPrice);
    }

    [Fact]
    public void Face_value_is_tx_cost_times_multiplier()
    {
        // 1.2M gas × 0.1 gwei × 100 = 1.2e16 wei (shared spec: performance.md §3.6 cross-check).
        Assert.Equal(BigInteger.Parse("12000000000000000"), Config.FaceValue(Gwei / 10, BigInteger.Pow(10, 18)).Value);
    }

    [Fact]
    public void Face_value_below_EV_becomes_EV_times_100()
    {
        Assert.Equal(Config.EV * 100, Config.FaceValue(0, BigInteger.Pow(10, 18)).Value);
    }

    [Fact]
    public void Face_value_is_capped_by_max_float_then_max_face_value()
    {
        var maxFloat = BigInteger.Pow(10, 15) * 5;
        Assert.Equal(maxFloat, Config.FaceValue(Gwei / 10, maxFloat).Value);

        var capped = Config with { MaxFaceValue = BigInteger.Pow(10, 15) };
        Assert.Equal(BigInteger.Pow(10, 15), capped.FaceValue(Gwei / 10, maxFloat).Value);
    }

    [Fact]
    public void Max_float_below_EV_is_insufficient_sender_reserve()
    {
        var result = Config.FaceValue(Gwei / 10, Config.EV - 1);
        Assert.Equal(PaymentErrorCode.InsufficientSenderReserve, result.Error?.Code);
        Assert.Equal("insufficient sender reserve", result.Error?.Message);
        Assert.Throws<InvalidOperationException>(() => result.Value);

        // Exactly EV is enough when redemption is cheap enough.
        Assert.Equal(Config.EV, Config.FaceValue(0, Config.EV).Value);
    }

    [Fact]
    public void Face_value_below_tx_cost_passes_only_if_it_covers_tx_cost_at_3_gwei()
    {
        // 100 gwei: txCost 1.2e17; at 3 gwei the cost is 3.6e15.
        var gasSpike = 100 * Gwei;
        Assert.Equal(BigInteger.Pow(10, 17), Config.FaceValue(gasSpike, BigInteger.Pow(10, 17)).Value);
        Assert.Equal(PaymentErrorCode.InsufficientSenderReserve, Config.FaceValue(gasSpike, BigInteger.Pow(10, 15)).Error?.Code);

        // 1 gwei: txCost 1.2e15, so 1e15 fails both checks and 2e15 passes the first.
        Assert.Equal(PaymentErrorCode.InsufficientSenderReserve, Config.FaceValue(Gwei, BigInteger.Pow(10, 15)).Error?.Code);
        Assert.Equal(2 * BigInteger.Pow(10, 15), Config.FaceValue(Gwei, 2 * BigInteger.Pow(10, 15)).Value);
    }

    [Fact]
    public void Win_prob_special_cases()
    {
        Assert.Equal(BigInteger.Zero, Config.WinProb(0));
        Assert.Equal(TicketEv.MaxWinProb, Config.WinProb(Config.EV));
    }

    [Fact]
    public void Win_prob_uses_the_exact_quotient_when_division_is_exact()
    {
        // 2^256 − 1 is divisible by 15.
        var config = new TicketParamsConfig { EV = 5 };
        Assert.Equal(TicketEv.MaxWinProb / 3, config.WinProb(15));
        Assert.Equal((BigRational)5, TicketEv.Compute(15, config.WinProb(15)));
    }

    [Theory]
    [InlineData("800000000000")]
    [InlineData("12000000000000000")]
    [InlineData("8000000001")]
    [InlineData("123456789012345678901")]
    public void Win_prob_rounds_up_and_keeps_EV_within_one_wei(string faceValueText)
    {
        var faceValue = BigInteger.Parse(faceValueText);
        var winProb = Config.WinProb(faceValue);

        Assert.Equal(Config.EV * ((TicketEv.MaxWinProb / faceValue) + 1), winProb);
        var ev = TicketEv.Compute(faceValue, winProb);
        Assert.True(ev >= Config.EV);
        Assert.True(ev - Config.EV <= 1);
    }

    [Fact]
    public void Win_prob_never_exceeds_the_maximum()
    {
        var config = new TicketParamsConfig { EV = BigInteger.One << 255 };
        Assert.Equal(TicketEv.MaxWinProb, config.WinProb((BigInteger.One << 255) + 1));
    }

    [Fact]
    public void EV_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TicketParamsConfig { EV = 0 });
    }
}
