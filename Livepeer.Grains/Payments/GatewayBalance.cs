using System.Numerics;

namespace Livepeer.Payments;

/// <summary>How many tickets to send with a segment, and the credit they add (go-livepeer's <c>StageUpdate</c>).</summary>
public readonly record struct StagedPayment(int NumTickets, BigRational NewCredit, BigRational Existing);

/// <summary>
/// The gateway's credit at one orchestrator session (go-livepeer's <c>core.Balance</c>; see shared spec: payments.md §12.2):
/// staging reserves the existing credit, decides the tickets to send, and the outcome settles it.
/// </summary>
/// <param name="credit">The credit a session had when it was last saved (a session grain activated afresh).</param>
public sealed class GatewayBalance(BigRational credit = default)
{
    public BigRational Credit { get; private set; } = credit;

    /// <summary>Reserves the current credit and returns how many tickets of <paramref name="ev"/> cover <paramref name="fee"/>.</summary>
    public StagedPayment Stage(BigRational fee, BigRational ev)
    {
        var minCredit = fee > ev ? fee : ev;
        var existing = Credit;
        Credit = BigRational.Zero;
        if (existing >= minCredit || ev.Sign <= 0)
            return new StagedPayment(0, BigRational.Zero, existing);
        var shortfall = minCredit - existing;
        // ceil(shortfall / ev) with exact rationals: (a/b)/(c/d) = ad/bc.
        var numerator = shortfall.Numerator * ev.Denominator;
        var denominator = shortfall.Denominator * ev.Numerator;
        var tickets = (int)BigInteger.Divide(numerator + denominator - 1, denominator);
        return new StagedPayment(tickets, new BigRational(tickets, 1) * ev, existing);
    }

    /// <summary>Nothing was sent: the reserved credit is restored.</summary>
    public void Restore(StagedPayment staged) => Credit += staged.Existing;

    /// <summary>The orchestrator did the work and reported what it debited.</summary>
    public void Settle(StagedPayment staged, BigRational debited) => Credit += staged.Existing + staged.NewCredit - debited;

    // A payment sent without a usable reply is spent: nothing to do, the reserved credit is simply gone.
}
