using System.Numerics;

namespace Livepeer.Payments;

/// <summary>
/// A sender's TicketBroker account on the embedded ledger, keyed by the sender's address: its deposit, reserve and
/// unlock round, durable across restarts of the node.
/// </summary>
public interface IDepositGrain : IGrainWithStringKey
{
    Task<SenderInfo> GetSenderInfo();

    /// <summary>Adds to the deposit and the reserve (TicketBroker's <c>fundDepositAndReserve</c>).</summary>
    Task<SenderInfo> FundDepositAndReserve(BigInteger deposit, BigInteger reserve);
}

[GenerateSerializer]
public sealed class DepositState
{
    [Id(0)] public BigInteger Deposit { get; set; }
    [Id(1)] public BigInteger Reserve { get; set; }
    [Id(2)] public long WithdrawRound { get; set; }

    public SenderInfo ToSenderInfo() => new(Deposit, Reserve, WithdrawRound);
}
