using System.Numerics;

namespace Livepeer.Payments;

/// <summary>
/// A sender's on-chain TicketBroker state (see shared spec: payments.md §10.1).
/// <see cref="Reserve"/> is the reserve's remaining funds.
/// </summary>
public sealed record SenderInfo(BigInteger Deposit, BigInteger Reserve, long WithdrawRound)
{
    /// <summary>
    /// True once the sender has unlocked and its withdraw round is at most one round away:
    /// tickets could no longer be redeemed in time (see shared spec: payments.md §7.1 step 2).
    /// </summary>
    public bool IsUnlockingSoon(long lastInitializedRound) =>
        WithdrawRound != 0 && WithdrawRound <= lastInitializedRound + 1;
}
