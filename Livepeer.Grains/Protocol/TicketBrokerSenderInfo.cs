using System.Numerics;
using Livepeer.Payments;

namespace Livepeer.Protocol;

/// <summary>
/// <c>getSenderInfo(address)</c>: the sender's deposit and withdraw round, and its reserve as
/// <see cref="ReserveInfo"/> (see shared spec: protocol-contracts.md §8.7).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TicketBrokerSenderInfo(
    [property: Id(0)] BigInteger Deposit,
    [property: Id(1)] long WithdrawRound,
    [property: Id(2)] ReserveInfo Reserve)
{
    /// <summary>The subset the payment code uses.</summary>
    public SenderInfo ToSenderInfo() => new(Deposit, Reserve.FundsRemaining, WithdrawRound);
}

/// <summary><c>getReserveInfo(address)</c>: funds left and the total claimed from them in the current round.</summary>
[GenerateSerializer, Immutable]
public sealed record ReserveInfo([property: Id(0)] BigInteger FundsRemaining, [property: Id(1)] BigInteger ClaimedInCurrentRound);
