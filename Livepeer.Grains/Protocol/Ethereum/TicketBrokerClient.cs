using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;
using Livepeer.Payments;

namespace Livepeer.Protocol.Ethereum;

/// <summary>One winning ticket as <c>redeemWinningTicket</c> takes it.</summary>
public sealed record WinningTicket(BrokerTicket Ticket, byte[] Signature, BigInteger RecipientRand)
{
    /// <summary>The contract's form of an off-chain signed ticket.</summary>
    public static WinningTicket From(SignedTicket ticket) =>
        new(BrokerTicket.From(ticket.Ticket), (byte[])ticket.Sig.Clone(), ticket.RecipientRand);
}

/// <summary>
/// The TicketBroker: broadcaster deposits and reserves, unlock and withdraw, and ticket redemption (see shared spec:
/// protocol-contracts.md §8). Refusals are <see cref="ContractRevertException"/>s with the contract's reason.
/// </summary>
public sealed class TicketBrokerClient(EthAddress address, ContractCaller caller, TransactionSender? sender = null)
    : ContractClient(address, caller, sender)
{
    private const string TicketTuple = "(address,address,uint256,uint256,uint256,bytes32,bytes)";

    public static readonly AbiFunction GetSenderInfo = AbiFunction.Parse(
        "getSenderInfo(address) returns ((uint256,uint256),(uint256,uint256))");
    public static readonly AbiFunction UsedTickets = AbiFunction.Parse("usedTickets(bytes32) returns (bool)");
    public static readonly AbiFunction FundDeposit = AbiFunction.Parse("fundDeposit()");
    public static readonly AbiFunction FundReserve = AbiFunction.Parse("fundReserve()");
    public static readonly AbiFunction FundDepositAndReserve = AbiFunction.Parse("fundDepositAndReserve(uint256,uint256)");
    public static readonly AbiFunction FundDepositAndReserveFor = AbiFunction.Parse("fundDepositAndReserveFor(address,uint256,uint256)");
    public static readonly AbiFunction Unlock = AbiFunction.Parse("unlock()");
    public static readonly AbiFunction CancelUnlock = AbiFunction.Parse("cancelUnlock()");
    public static readonly AbiFunction Withdraw = AbiFunction.Parse("withdraw()");
    public static readonly AbiFunction RedeemWinningTicket = AbiFunction.Parse($"redeemWinningTicket({TicketTuple},bytes,uint256)");
    public static readonly AbiFunction BatchRedeemWinningTickets = AbiFunction.Parse($"batchRedeemWinningTickets({TicketTuple}[],bytes[],uint256[])");

    public static readonly AbiEvent DepositFundedEvent = AbiEvent.Parse("DepositFunded(address indexed sender, uint256 amount)");
    public static readonly AbiEvent ReserveFundedEvent = AbiEvent.Parse("ReserveFunded(address indexed reserveHolder, uint256 amount)");
    public static readonly AbiEvent ReserveClaimedEvent = AbiEvent.Parse("ReserveClaimed(address indexed reserveHolder, address claimant, uint256 amount)");
    public static readonly AbiEvent WinningTicketTransferEvent = AbiEvent.Parse(
        "WinningTicketTransfer(address indexed sender, address indexed recipient, uint256 amount)");
    public static readonly AbiEvent WinningTicketRedeemedEvent = AbiEvent.Parse(
        "WinningTicketRedeemed(address indexed sender, address indexed recipient, uint256 faceValue, uint256 winProb, uint256 senderNonce, uint256 recipientRand, bytes auxData)");
    public static readonly AbiEvent UnlockCancelledEvent = AbiEvent.Parse("UnlockCancelled(address indexed sender)");

    public static IReadOnlyList<AbiEvent> Events { get; } =
        [DepositFundedEvent, ReserveFundedEvent, ReserveClaimedEvent, WinningTicketTransferEvent, UnlockCancelledEvent];

    public static IReadOnlyList<AbiFunction> Functions { get; } =
        [GetSenderInfo, UsedTickets, FundDeposit, FundReserve, FundDepositAndReserve, FundDepositAndReserveFor, Unlock, CancelUnlock, Withdraw, RedeemWinningTicket, BatchRedeemWinningTickets];

    /// <summary>Deposit, reserve funds remaining and withdraw round (0 while locked) of a broadcaster.</summary>
    public async Task<SenderInfo> GetSenderInfoAsync(EthAddress broadcaster, CancellationToken cancellationToken = default)
    {
        // Two static tuples: (deposit, withdrawRound), (fundsRemaining, claimedInCurrentRound).
        var values = await CallAllAsync(GetSenderInfo, cancellationToken, broadcaster);
        var sender = values.Get<object?[]>(0);
        var reserve = values.Get<object?[]>(1);
        return new SenderInfo((BigInteger)sender[0]!, (BigInteger)reserve[0]!, (long)(BigInteger)sender[1]!);
    }

    public Task<bool> IsUsedAsync(Hash32 ticketHash, CancellationToken cancellationToken = default) =>
        CallAsync<bool>(UsedTickets, cancellationToken, ticketHash);

    /// <summary>Adds <paramref name="amount"/> wei to the sending account's deposit.</summary>
    public Task<TransactionReceipt> FundDepositAsync(BigInteger amount, CancellationToken cancellationToken = default) =>
        SendWithValueAsync(FundDeposit, amount, cancellationToken);

    /// <summary>Adds <paramref name="amount"/> wei to the sending account's reserve.</summary>
    public Task<TransactionReceipt> FundReserveAsync(BigInteger amount, CancellationToken cancellationToken = default) =>
        SendWithValueAsync(FundReserve, amount, cancellationToken);

    /// <summary>Funds the sending account's deposit and reserve; it sends deposit + reserve wei.</summary>
    public Task<TransactionReceipt> FundDepositAndReserveAsync(BigInteger deposit, BigInteger reserve, CancellationToken cancellationToken = default) =>
        SendWithValueAsync(FundDepositAndReserve, deposit + reserve, cancellationToken, deposit, reserve);

    /// <summary>Funds another broadcaster's deposit and reserve from the sending account.</summary>
    public Task<TransactionReceipt> FundDepositAndReserveForAsync(
        EthAddress broadcaster, BigInteger deposit, BigInteger reserve, CancellationToken cancellationToken = default) =>
        SendWithValueAsync(FundDepositAndReserveFor, deposit + reserve, cancellationToken, broadcaster, deposit, reserve);

    /// <summary>
    /// This contract's funding and payment events in a receipt, in log order: DepositFunded, ReserveFunded,
    /// ReserveClaimed, WinningTicketTransfer and UnlockCancelled; other logs are skipped.
    /// </summary>
    public IReadOnlyList<TicketBrokerEvent> DecodeEvents(TransactionReceipt receipt)
    {
        var events = new List<TicketBrokerEvent>();
        foreach (var log in receipt.Logs.Where(l => l.Address == Address && l.Topics.Count > 0))
        {
            var topic = log.Topics[0];
            if (topic == DepositFundedEvent.Topic0)
            {
                var v = DepositFundedEvent.Decode(log.Topics, log.Data);
                events.Add(new DepositFunded(v.Get<EthAddress>(0), v.Get<BigInteger>(1)));
            }
            else if (topic == ReserveFundedEvent.Topic0)
            {
                var v = ReserveFundedEvent.Decode(log.Topics, log.Data);
                events.Add(new ReserveFunded(v.Get<EthAddress>(0), v.Get<BigInteger>(1)));
            }
            else if (topic == ReserveClaimedEvent.Topic0)
            {
                var v = ReserveClaimedEvent.Decode(log.Topics, log.Data);
                events.Add(new ReserveClaimed(v.Get<EthAddress>(0), v.Get<EthAddress>(1), v.Get<BigInteger>(2)));
            }
            else if (topic == WinningTicketTransferEvent.Topic0)
            {
                var v = WinningTicketTransferEvent.Decode(log.Topics, log.Data);
                events.Add(new WinningTicketTransfer(v.Get<EthAddress>(0), v.Get<EthAddress>(1), v.Get<BigInteger>(2)));
            }
            else if (topic == UnlockCancelledEvent.Topic0)
            {
                events.Add(new UnlockCancelled(UnlockCancelledEvent.Decode(log.Topics, log.Data).Get<EthAddress>(0)));
            }
        }

        return events;
    }

    public Task<TransactionReceipt> UnlockAsync(CancellationToken cancellationToken = default) => SendAsync(Unlock, cancellationToken);

    public Task<TransactionReceipt> CancelUnlockAsync(CancellationToken cancellationToken = default) => SendAsync(CancelUnlock, cancellationToken);

    public Task<TransactionReceipt> WithdrawAsync(CancellationToken cancellationToken = default) => SendAsync(Withdraw, cancellationToken);

    /// <exception cref="ContractRevertException">E.g. "ticket is used", "ticket is expired", "ticket did not win".</exception>
    public Task<TransactionReceipt> RedeemWinningTicketAsync(WinningTicket ticket, CancellationToken cancellationToken = default) =>
        SendAsync(RedeemWinningTicket, cancellationToken, Arguments(ticket));

    /// <summary>
    /// Redeems several tickets in one transaction. The contract swallows each ticket's failure, so the transaction
    /// succeeds even when some tickets were not redeemed: check the receipt's logs or <see cref="IsUsedAsync"/>.
    /// </summary>
    /// <remarks>
    /// The batch's own gas estimate is useless: since inner failures are swallowed, the smallest gas that lets the
    /// outer call succeed starves every ticket. The limit is therefore the sum of each ticket's own estimate (with the
    /// sender's margin) plus <see cref="BatchOverheadGas"/>; a ticket that would revert counts
    /// <see cref="FailingTicketGas"/>.
    /// </remarks>
    public async Task<TransactionReceipt> BatchRedeemWinningTicketsAsync(IReadOnlyList<WinningTicket> tickets, CancellationToken cancellationToken = default)
    {
        var sender = RequireSender();
        var gasLimit = BatchOverheadGas;
        foreach (var ticket in tickets)
        {
            try
            {
                gasLimit += await sender.EstimateGasAsync(Address, RedeemWinningTicket, Arguments(ticket), cancellationToken: cancellationToken);
            }
            catch (ContractRevertException)
            {
                gasLimit += FailingTicketGas;
            }
        }

        return await sender.SendAsync(
            Address,
            BatchRedeemWinningTickets,
            [
                tickets.Select(t => (object?)Tuple(t.Ticket)).ToArray(),
                tickets.Select(t => (object?)t.Signature).ToArray(),
                tickets.Select(t => (object?)t.RecipientRand).ToArray(),
            ],
            gasLimit: gasLimit,
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The tickets a receipt redeemed, keyed by <see cref="RedemptionKey"/>, with the amount each paid: a ticket's
    /// WinningTicketTransfer (absent when it paid nothing) comes just before its WinningTicketRedeemed (spec §8.2).
    /// </summary>
    public IReadOnlyDictionary<(EthAddress Sender, BigInteger SenderNonce, BigInteger RecipientRand), BigInteger> RedeemedTickets(TransactionReceipt receipt)
    {
        var redeemed = new Dictionary<(EthAddress, BigInteger, BigInteger), BigInteger>();
        var paid = BigInteger.Zero;
        foreach (var log in receipt.Logs.Where(l => l.Address == Address && l.Topics.Count > 0))
        {
            if (log.Topics[0] == WinningTicketTransferEvent.Topic0)
            {
                paid += WinningTicketTransferEvent.Decode(log.Topics, log.Data).Get<BigInteger>(2);
            }
            else if (log.Topics[0] == WinningTicketRedeemedEvent.Topic0)
            {
                var v = WinningTicketRedeemedEvent.Decode(log.Topics, log.Data);
                redeemed[(v.Get<EthAddress>(0), v.Get<BigInteger>(4), v.Get<BigInteger>(5))] = paid;
                paid = BigInteger.Zero;
            }
        }

        return redeemed;
    }

    /// <summary>What identifies a ticket in its WinningTicketRedeemed log.</summary>
    public static (EthAddress Sender, BigInteger SenderNonce, BigInteger RecipientRand) RedemptionKey(WinningTicket ticket) =>
        (ticket.Ticket.Sender, ticket.Ticket.SenderNonce, ticket.RecipientRand);

    /// <summary>Why redeeming <paramref name="ticket"/> now would revert (an <c>eth_call</c>), or null if it would succeed.</summary>
    public async Task<string?> RedeemRevertReasonAsync(WinningTicket ticket, CancellationToken cancellationToken = default)
    {
        try
        {
            await CallAllAsync(RedeemWinningTicket, cancellationToken, Arguments(ticket));
            return null;
        }
        catch (ContractRevertException e)
        {
            return e.Reason;
        }
    }

    /// <summary>Gas for the batch's calldata, loop and self-calls on top of its tickets' own estimates.</summary>
    public const long BatchOverheadGas = 60_000;

    /// <summary>Gas budgeted for a ticket whose own estimate reverts: enough to reach the revert.</summary>
    public const long FailingTicketGas = 60_000;

    internal static object?[] Arguments(WinningTicket ticket) => [Tuple(ticket.Ticket), ticket.Signature, ticket.RecipientRand];

    private static object?[] Tuple(BrokerTicket t) =>
        [t.Recipient, t.Sender, t.FaceValue, t.WinProb, t.SenderNonce, t.RecipientRandHash, t.AuxData];
}
