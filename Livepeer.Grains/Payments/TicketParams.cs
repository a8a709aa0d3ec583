using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Payments;

/// <summary>
/// The parameters O advertises to B for its tickets (go-livepeer <c>pm.TicketParams</c>; see
/// shared spec: payments.md §1.2). B echoes <see cref="Seed"/> back so O can recompute
/// recipientRand without storing anything per set of params.
/// </summary>
public sealed record TicketParams
{
    public required EthAddress Recipient { get; init; }

    public required BigInteger FaceValue { get; init => field = BigIntegerEncoding.RequireUint256(value, nameof(FaceValue)); }

    public required BigInteger WinProb { get; init => field = BigIntegerEncoding.RequireUint256(value, nameof(WinProb)); }

    public required Hash32 RecipientRandHash { get; init; }

    public required BigInteger Seed { get; init => field = BigIntegerEncoding.RequireNonNegative(value, nameof(Seed)); }

    /// <summary>L1 block number; 0 means unset, which B refuses (see shared spec: payments.md §9.2).</summary>
    public required long ExpirationBlock { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(ExpirationBlock)); }

    public required PriceInfo PricePerPixel { get; init; }

    public required TicketExpirationParams ExpirationParams { get; init; }

    public BigRational EV => TicketEv.Compute(FaceValue, WinProb);
}
