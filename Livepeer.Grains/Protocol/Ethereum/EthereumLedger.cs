using System.Numerics;
using Livepeer.Ethereum;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Protocol.Ethereum;

/// <summary>
/// The ledger on chain: the TicketBroker contract through <see cref="TicketBrokerClient"/>, whose sender is the
/// node's account. Contract refusals become the same values the embedded ledger returns (the contract's revert
/// strings); infrastructure failures (the RPC, a receipt timeout, <see cref="GasPriceTooHighException"/>) throw, so
/// that a caller retries later instead of dropping a ticket.
/// </summary>
public sealed class EthereumLedger(TicketBrokerClient broker) : ILedger
{
    public Task<SenderInfo> GetSenderInfoAsync(EthAddress sender) => broker.GetSenderInfoAsync(sender);

    /// <summary>Funds from the node's account: its own deposit, or another sender's (<c>fundDepositAndReserveFor</c>).</summary>
    public async Task<LedgerResult> FundDepositAndReserveAsync(EthAddress sender, BigInteger deposit, BigInteger reserve)
    {
        try
        {
            var receipt = sender == broker.Account
                ? await broker.FundDepositAndReserveAsync(deposit, reserve)
                : await broker.FundDepositAndReserveForAsync(sender, deposit, reserve);
            return LedgerResult.Success([.. broker.DecodeEvents(receipt)]);
        }
        catch (ContractRevertException e)
        {
            return LedgerResult.Revert(e.Reason);
        }
    }

    public Task<bool> IsUsedAsync(EthAddress sender, Hash32 ticketHash) => broker.IsUsedAsync(ticketHash);

    /// <summary>Redeems one ticket in its own transaction, as go-livepeer does; paid = the WinningTicketTransfer amounts.</summary>
    public async Task<RedemptionResult> RedeemAsync(SignedTicket ticket)
    {
        try
        {
            var receipt = await broker.RedeemWinningTicketAsync(WinningTicket.From(ticket));
            var paid = broker.DecodeEvents(receipt).OfType<WinningTicketTransfer>().Aggregate(BigInteger.Zero, (sum, e) => sum + e.Amount);
            return new RedemptionResult(paid, null);
        }
        catch (ContractRevertException e)
        {
            return new RedemptionResult(BigInteger.Zero, e.Reason);
        }
    }

    /// <summary>
    /// Redeems the tickets in one <c>batchRedeemWinningTickets</c> transaction. The contract swallows each ticket's
    /// failure, so a ticket without its WinningTicketRedeemed log is replayed alone with <c>eth_call</c> to learn why.
    /// </summary>
    public async Task<IReadOnlyList<RedemptionResult>> RedeemBatchAsync(IReadOnlyList<SignedTicket> tickets)
    {
        var winning = tickets.Select(WinningTicket.From).ToList();
        TransactionReceipt receipt;
        try
        {
            receipt = await broker.BatchRedeemWinningTicketsAsync(winning);
        }
        catch (ContractRevertException e)
        {
            return [.. tickets.Select(_ => new RedemptionResult(BigInteger.Zero, e.Reason))];
        }

        var redeemed = broker.RedeemedTickets(receipt);
        var results = new List<RedemptionResult>(tickets.Count);
        foreach (var ticket in winning)
        {
            results.Add(redeemed.TryGetValue(TicketBrokerClient.RedemptionKey(ticket), out var paid)
                ? new RedemptionResult(paid, null)
                : new RedemptionResult(BigInteger.Zero, await broker.RedeemRevertReasonAsync(ticket) ?? "not redeemed in the batch; retrying alone"));
        }

        return results;
    }
}
