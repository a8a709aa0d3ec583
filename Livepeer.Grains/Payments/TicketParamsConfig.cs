using System.Numerics;

namespace Livepeer.Payments;

/// <summary>
/// How O sizes its tickets (go-livepeer <c>pm.TicketParamsConfig</c> plus <c>-maxFaceValue</c>),
/// and the face value and win probability rules that follow from it (see shared spec:
/// payments.md §5). Defaults are go-livepeer's for Arbitrum.
/// </summary>
public sealed record TicketParamsConfig
{
    public const long RedeemGasL1 = 350_000;
    public const long RedeemGasL2 = 1_200_000;

    /// <summary>Used when the tx-cost based face value is below EV (<c>evMultiplier</c>).</summary>
    public const int EVMultiplier = 100;

    /// <summary>The hard-coded 3 gwei second chance in the tx-cost check (<c>avgGasPrice</c>).</summary>
    public static BigInteger AvgGasPrice { get; } = 3_000_000_000;

    /// <summary>Target expected value per ticket in wei (<c>-ticketEV</c>).</summary>
    public BigInteger EV { get; init => field = value.Sign > 0 ? value : throw new ArgumentOutOfRangeException(nameof(EV), value, "EV must be positive"); } = 8_000_000_000;

    /// <summary>Gas one redemption costs; <see cref="RedeemGasL2"/> on Arbitrum.</summary>
    public long RedeemGas { get; init; } = RedeemGasL2;

    /// <summary>Face value as a multiple of the redemption cost (<c>-txCostMultiplier</c>).</summary>
    public int TxCostMultiplier { get; init; } = 100;

    /// <summary>Upper bound on face value in wei; zero means none (<c>-maxFaceValue</c>).</summary>
    public BigInteger MaxFaceValue { get; init; } = BigInteger.Zero;

    public BigInteger TxCost(BigInteger gasPrice) => RedeemGas * gasPrice;

    /// <summary>
    /// faceValue(sender), steps 1–6 of §5: the tx-cost based value (or EV × 100), capped by the
    /// sender's max float and <see cref="MaxFaceValue"/>, and refused when it falls below EV or
    /// below the redemption cost at both the current gas price and 3 gwei.
    /// </summary>
    public PaymentResult<BigInteger> FaceValue(BigInteger gasPrice, BigInteger maxFloat)
    {
        var txCost = TxCost(gasPrice);
        var faceValue = txCost * TxCostMultiplier;
        if (faceValue < EV)
        {
            faceValue = EV * EVMultiplier;
        }

        faceValue = BigInteger.Min(faceValue, maxFloat);
        if (MaxFaceValue.Sign > 0)
        {
            faceValue = BigInteger.Min(faceValue, MaxFaceValue);
        }

        if (faceValue < EV)
        {
            return PaymentError.InsufficientSenderReserve;
        }

        // A gas spike alone does not refuse params if the face value covers redemption at the
        // average price; operators find this branch confusing (#2473).
        if (faceValue < txCost && faceValue < TxCost(AvgGasPrice))
        {
            return PaymentError.InsufficientSenderReserve;
        }

        return faceValue;
    }

    /// <summary>
    /// winProb(faceValue): 0 for a zero face value, certain when it equals EV, otherwise
    /// EV × ceil((2^256 − 1) / faceValue), so EV' lands within 1 wei of EV.
    /// </summary>
    public BigInteger WinProb(BigInteger faceValue)
    {
        if (faceValue.IsZero)
        {
            return BigInteger.Zero;
        }

        if (faceValue == EV)
        {
            return TicketEv.MaxWinProb;
        }

        var quotient = BigInteger.DivRem(TicketEv.MaxWinProb, faceValue, out var remainder);
        var winProb = EV * (remainder.IsZero ? quotient : quotient + 1);

        // Only reachable for a face value a hair above an EV near 2^128; a winProb past the
        // maximum cannot be encoded and means the same thing: always win.
        return BigInteger.Min(winProb, TicketEv.MaxWinProb);
    }
}
