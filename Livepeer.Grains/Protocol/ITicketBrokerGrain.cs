using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Protocol;

/// <summary>
/// The embedded ledger's TicketBroker: one grain, as there is one contract, because reserve claims depend on the
/// whole transcoder pool. Its state (deposits, reserves, claims, used tickets, fees) is durable across restarts.
/// </summary>
public interface ITicketBrokerGrain : IGrainWithStringKey
{
    Task<SenderInfo> GetSenderInfo(EthAddress sender);

    Task<LedgerResult> FundDepositAndReserve(EthAddress sender, BigInteger deposit, BigInteger reserve);

    Task<LedgerResult> Unlock(EthAddress sender);

    Task<LedgerResult> CancelUnlock(EthAddress sender);

    Task<LedgerResult> Withdraw(EthAddress sender);

    Task<bool> IsUsedTicket(Hash32 ticketHash);

    Task<LedgerResult> RedeemWinningTicket(SignedTicket ticket);

    Task<BatchRedeemResult> BatchRedeemWinningTickets(IReadOnlyList<SignedTicket> tickets);

    Task<BigInteger> GetFees(EthAddress recipient);
}
