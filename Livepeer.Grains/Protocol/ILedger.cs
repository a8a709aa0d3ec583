using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Protocol;

/// <summary>
/// The TicketBroker operations a node uses, over whichever ledger it runs on: the embedded ledger (the default, no
/// chain needed) or the TicketBroker contract. Refusals come back as the contract's revert reasons.
/// </summary>
public interface ILedger : ITicketRedeemer
{
    Task<SenderInfo> GetSenderInfoAsync(EthAddress sender);

    Task<LedgerResult> FundDepositAndReserveAsync(EthAddress sender, BigInteger deposit, BigInteger reserve);
}
