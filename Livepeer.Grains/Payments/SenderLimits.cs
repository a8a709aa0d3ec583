using System.Numerics;

namespace Livepeer.Payments;

/// <summary>
/// B's caps on the tickets it will pay (see shared spec: payments.md §1.3 and §9.2);
/// defaults are go-livepeer's.
/// </summary>
public sealed record SenderLimits
{
    /// <summary>Largest EV B accepts for one ticket, in wei (<c>-maxTicketEV</c>).</summary>
    public BigRational MaxEV { get; init; } = new BigInteger(3_000_000_000_000);

    /// <summary>Largest EV B sends in one batch, in wei (<c>-maxTotalEV</c>).</summary>
    public BigRational MaxTotalEV { get; init; } = new BigInteger(20_000_000_000_000);

    /// <summary>Face value may be at most deposit / this (<c>-depositMultiplier</c>).</summary>
    public int DepositMultiplier { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(DepositMultiplier)); } = 1;
}
