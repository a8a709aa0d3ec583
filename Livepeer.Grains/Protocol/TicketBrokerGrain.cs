using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Node;
using Livepeer.Payments;

namespace Livepeer.Protocol;

/// <summary>
/// Runs <see cref="EmbeddedTicketBroker"/> on durable state. Before each call it catches up with the embedded chain
/// clock's round (every round counts as initialized, with the clock's block hash), and the node's orchestrator is
/// the active transcoder pool.
/// </summary>
[LedgerPlacement]
public sealed class TicketBrokerGrain(
    [PersistentState("ticketBroker")] IPersistentState<TicketBrokerState> state,
    ITimeManager clock,
    NodeKeys keys) : Grain, ITicketBrokerGrain
{
    /// <summary>Key of the embedded ledger's only TicketBroker.</summary>
    public const string Embedded = "embedded";

    private EmbeddedTicketBroker Broker
    {
        get
        {
            var broker = new EmbeddedTicketBroker(state.State);
            var round = clock.LastInitializedRound;
            if (broker.LastInitializedRound < round)
                broker.AdvanceRound(round, EmbeddedChainClock.BlockHashForRound(round));
            if (!broker.IsActiveTranscoder(keys.Orchestrator.Address))
                broker.SetTranscoderPool([keys.Orchestrator.Address]);
            return broker;
        }
    }

    Task<SenderInfo> ITicketBrokerGrain.GetSenderInfo(EthAddress sender) => Task.FromResult(Broker.GetSenderInfo(sender).ToSenderInfo());

    Task<LedgerResult> ITicketBrokerGrain.FundDepositAndReserve(EthAddress sender, BigInteger deposit, BigInteger reserve) =>
        Transact(b => b.FundDepositAndReserve(sender, deposit + reserve, deposit, reserve));

    Task<LedgerResult> ITicketBrokerGrain.Unlock(EthAddress sender) => Transact(b => b.Unlock(sender));

    Task<LedgerResult> ITicketBrokerGrain.CancelUnlock(EthAddress sender) => Transact(b => b.CancelUnlock(sender));

    Task<LedgerResult> ITicketBrokerGrain.Withdraw(EthAddress sender) => Transact(b => b.Withdraw(sender));

    Task<bool> ITicketBrokerGrain.IsUsedTicket(Hash32 ticketHash) => Task.FromResult(Broker.IsUsedTicket(ticketHash));

    Task<LedgerResult> ITicketBrokerGrain.RedeemWinningTicket(SignedTicket ticket) => Transact(b => b.RedeemWinningTicket(ticket));

    async Task<BatchRedeemResult> ITicketBrokerGrain.BatchRedeemWinningTickets(IReadOnlyList<SignedTicket> tickets)
    {
        var result = Broker.BatchRedeemWinningTickets(tickets);
        if (result.Transaction.Succeeded)
            await state.WriteStateAsync();
        return result;
    }

    Task<BigInteger> ITicketBrokerGrain.GetFees(EthAddress recipient) => Task.FromResult(Broker.FeesCredited(recipient));

    /// <summary>A state change is durable before its receipt is returned, as a mined transaction is; a revert changes nothing.</summary>
    private async Task<LedgerResult> Transact(Func<EmbeddedTicketBroker, LedgerResult> transaction)
    {
        var result = transaction(Broker);
        if (result.Succeeded)
            await state.WriteStateAsync();
        return result;
    }
}
