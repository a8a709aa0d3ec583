using System.Numerics;

namespace Livepeer.Payments;

/// <summary>
/// Win probability and expected value (see shared spec: payments.md §1.3): winProb is a
/// numerator over 2^256 − 1, and EV = faceValue × winProb / (2^256 − 1), kept exact.
/// </summary>
public static class TicketEv
{
    /// <summary>2^256 − 1: a ticket with this winProb always wins.</summary>
    public static BigInteger MaxWinProb => BigIntegerEncoding.MaxUint256;

    public static BigRational Compute(BigInteger faceValue, BigInteger winProb) =>
        new(faceValue * winProb, MaxWinProb);

    /// <summary>The win probability as a fraction in [0, 1].</summary>
    public static BigRational WinProbRat(BigInteger winProb) => new(winProb, MaxWinProb);
}
