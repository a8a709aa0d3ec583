using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Protocol;

/// <summary>The embedded ledger: the node's own TicketBroker grain.</summary>
public sealed class EmbeddedLedger(IGrainFactory grains) : ILedger
{
    private ITicketBrokerGrain Broker => grains.GetGrain<ITicketBrokerGrain>(TicketBrokerGrain.Embedded);

    public Task<SenderInfo> GetSenderInfoAsync(EthAddress sender) => Broker.GetSenderInfo(sender);

    public Task<LedgerResult> FundDepositAndReserveAsync(EthAddress sender, BigInteger deposit, BigInteger reserve) =>
        Broker.FundDepositAndReserve(sender, deposit, reserve);

    public Task<bool> IsUsedAsync(EthAddress sender, Hash32 ticketHash) => Broker.IsUsedTicket(ticketHash);

    public async Task<RedemptionResult> RedeemAsync(SignedTicket ticket) => Redemption(await Broker.RedeemWinningTicket(ticket));

    public async Task<IReadOnlyList<RedemptionResult>> RedeemBatchAsync(IReadOnlyList<SignedTicket> tickets)
    {
        var batch = await Broker.BatchRedeemWinningTickets(tickets);
        return batch.Transaction.Succeeded
            ? [.. batch.Tickets.Select(Redemption)]
            : [.. tickets.Select(_ => new RedemptionResult(BigInteger.Zero, batch.Transaction.RevertReason))];
    }

    private static RedemptionResult Redemption(LedgerResult result) => result.Succeeded
        ? new RedemptionResult(result.Events.OfType<WinningTicketTransfer>().Aggregate(BigInteger.Zero, (sum, e) => sum + e.Amount), null)
        : new RedemptionResult(BigInteger.Zero, result.RevertReason);
}
