using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;
using static Livepeer.Protocol.TicketBrokerErrors;

namespace Livepeer.Protocol;

/// <summary>
/// The TicketBroker contract run in memory, with the Controller, RoundsManager and BondingManager behaviour it
/// depends on, so a node without a chain pays and redeems under the chain's rules (see shared spec:
/// protocol-contracts.md §2, §6, §8; payments.md §10.1). Every call either applies all its changes and returns
/// the events it emitted, or changes nothing and returns the contract's revert reason; exceptions are kept for
/// arguments no calldata could carry (negative amounts, values above uint256, nulls).
/// </summary>
/// <remarks>
/// Callers pass the transaction's <c>msg.sender</c> (and <c>msg.value</c>) explicitly. Time moves only through
/// <see cref="AdvanceRound(long)"/> and <see cref="InitializeRound"/>. Not thread-safe: a grain owns one instance
/// and Orleans serialises its calls.
/// </remarks>
public sealed class EmbeddedTicketBroker
{
    /// <summary>Arbitrum One's TicketBroker <c>unlockPeriod</c> (protocol-contracts.md §13.2).</summary>
    public const long DefaultUnlockPeriod = 2;

    /// <summary>Arbitrum One's TicketBroker <c>ticketValidityPeriod</c> (protocol-contracts.md §13.2).</summary>
    public const long DefaultTicketValidityPeriod = 2;

    private readonly TicketBrokerState state;

    public EmbeddedTicketBroker()
        : this(new TicketBrokerState())
    {
    }

    public EmbeddedTicketBroker(TicketBrokerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegative(state.UnlockPeriod, nameof(state));

        // The contract's setter refuses 0: no ticket could ever be redeemed.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(state.TicketValidityPeriod, nameof(state));
        ArgumentOutOfRangeException.ThrowIfNegative(state.TranscoderPoolSize, nameof(state));
        this.state = state;
    }

    /// <summary>The state this instance changes, for the owner to persist after each successful call.</summary>
    public TicketBrokerState State => state;

    public long UnlockPeriod => state.UnlockPeriod;

    public long TicketValidityPeriod => state.TicketValidityPeriod;

    // ---- Controller ----

    public bool Paused => state.Paused;

    /// <summary>Controller <c>pause()</c> / <c>unpause()</c>.</summary>
    public void SetPaused(bool paused) => state.Paused = paused;

    // ---- RoundsManager (protocol-contracts.md §6) ----

    public long CurrentRound => state.CurrentRound;

    public long LastInitializedRound => state.LastInitializedRound;

    public bool CurrentRoundInitialized => state.LastInitializedRound == state.CurrentRound;

    /// <summary>The hash stored when <paramref name="round"/> was initialized, or zero if it never was.</summary>
    public Hash32 BlockHashForRound(long round) => state.BlockHashes.GetValueOrDefault(round) ?? Hash32.Zero;

    /// <summary>
    /// Moves the chain's clock to <paramref name="round"/> without initializing it, as block production does.
    /// Rounds may be skipped; a skipped round never gets a block hash.
    /// </summary>
    public void AdvanceRound(long round)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(round, state.CurrentRound);
        state.CurrentRound = round;
    }

    /// <summary>RoundsManager <c>initializeRound()</c>: records <paramref name="blockHash"/> for the current round.</summary>
    public LedgerResult InitializeRound(Hash32 blockHash)
    {
        ArgumentNullException.ThrowIfNull(blockHash);
        if (blockHash.IsZero)
        {
            throw new ArgumentException("a round's block hash cannot be zero: the contract reads zero as \"no hash\"", nameof(blockHash));
        }

        if (state.Paused)
        {
            return LedgerResult.Revert(SystemPaused);
        }

        if (state.LastInitializedRound >= state.CurrentRound)
        {
            return LedgerResult.Revert(RoundAlreadyInitialized);
        }

        state.LastInitializedRound = state.CurrentRound;
        state.BlockHashes[state.CurrentRound] = blockHash;
        return LedgerResult.Success(new NewRound(state.CurrentRound, blockHash));
    }

    /// <summary><see cref="AdvanceRound(long)"/> then <see cref="InitializeRound"/>, as a round initializer does.</summary>
    public LedgerResult AdvanceRound(long round, Hash32 blockHash)
    {
        AdvanceRound(round);
        return InitializeRound(blockHash);
    }

    // ---- BondingManager inputs (protocol-contracts.md §7.2) ----

    public int TranscoderPoolSize => state.TranscoderPoolSize;

    public bool IsActiveTranscoder(EthAddress transcoder) => state.ActiveTranscoders.Contains(transcoder);

    public bool IsRegisteredTranscoder(EthAddress transcoder) => state.RegisteredTranscoders.Contains(transcoder);

    /// <summary>
    /// Sets the transcoders active in the current round and the pool size that divides reserves, which on chain is
    /// the size of the next round's pool and defaults here to the active count. Active transcoders are also
    /// registered; use <see cref="SetRegisteredTranscoder"/> to model one that resigned this round.
    /// </summary>
    public void SetTranscoderPool(IEnumerable<EthAddress> active, int? poolSize = null)
    {
        ArgumentNullException.ThrowIfNull(active);
        var activeSet = active.ToHashSet();
        var size = poolSize ?? activeSet.Count;
        ArgumentOutOfRangeException.ThrowIfNegative(size, nameof(poolSize));
        state.ActiveTranscoders = activeSet;
        state.TranscoderPoolSize = size;
        state.RegisteredTranscoders.UnionWith(activeSet);
    }

    public void SetRegisteredTranscoder(EthAddress transcoder, bool registered)
    {
        ArgumentNullException.ThrowIfNull(transcoder);
        if (registered)
        {
            state.RegisteredTranscoders.Add(transcoder);
        }
        else
        {
            state.RegisteredTranscoders.Remove(transcoder);
        }
    }

    /// <summary>The total a recipient was paid through <c>updateTranscoderWithFees</c>, in wei.</summary>
    public BigInteger FeesCredited(EthAddress recipient) => state.FeesCredited.GetValueOrDefault(recipient);

    // ---- TicketBroker funding (protocol-contracts.md §8.4) ----

    /// <summary><c>fundDeposit()</c> with <c>msg.value</c> = <paramref name="amount"/>.</summary>
    public LedgerResult FundDeposit(EthAddress sender, BigInteger amount)
    {
        ArgumentNullException.ThrowIfNull(sender);
        BigIntegerEncoding.RequireUint256(amount, nameof(amount));
        if (state.Paused)
        {
            return LedgerResult.Revert(SystemPaused);
        }

        var account = state.Senders.GetValueOrDefault(sender);
        var deposit = (account?.Deposit ?? BigInteger.Zero) + amount;
        if (!BigIntegerEncoding.IsUint256(deposit))
        {
            return LedgerResult.Revert(PanicArithmetic);
        }

        account = AccountFor(sender);
        account.Deposit = deposit;
        var events = new List<TicketBrokerEvent>(2);
        CancelUnlockIfPending(sender, account, events);
        events.Add(new DepositFunded(sender, amount));
        return LedgerResult.Success([.. events]);
    }

    /// <summary><c>fundReserve()</c> with <c>msg.value</c> = <paramref name="amount"/>.</summary>
    public LedgerResult FundReserve(EthAddress sender, BigInteger amount)
    {
        ArgumentNullException.ThrowIfNull(sender);
        BigIntegerEncoding.RequireUint256(amount, nameof(amount));
        if (state.Paused)
        {
            return LedgerResult.Revert(SystemPaused);
        }

        var funds = (state.Senders.GetValueOrDefault(sender)?.Reserve.Funds ?? BigInteger.Zero) + amount;
        if (!BigIntegerEncoding.IsUint256(funds))
        {
            return LedgerResult.Revert(PanicArithmetic);
        }

        var account = AccountFor(sender);
        account.Reserve.Funds = funds;

        // The reserve is credited (and logged) before the pending unlock is cancelled.
        var events = new List<TicketBrokerEvent>(2) { new ReserveFunded(sender, amount) };
        CancelUnlockIfPending(sender, account, events);
        return LedgerResult.Success([.. events]);
    }

    /// <summary>
    /// <c>fundDepositAndReserve(deposit, reserve)</c> sent with <paramref name="value"/> wei, which must be their sum.
    /// Logs UnlockCancelled (if an unlock was pending), then ReserveFunded, then DepositFunded.
    /// </summary>
    public LedgerResult FundDepositAndReserve(EthAddress sender, BigInteger value, BigInteger depositAmount, BigInteger reserveAmount)
    {
        ArgumentNullException.ThrowIfNull(sender);
        BigIntegerEncoding.RequireUint256(value, nameof(value));
        BigIntegerEncoding.RequireUint256(depositAmount, nameof(depositAmount));
        BigIntegerEncoding.RequireUint256(reserveAmount, nameof(reserveAmount));
        if (state.Paused)
        {
            return LedgerResult.Revert(SystemPaused);
        }

        var sum = depositAmount + reserveAmount;
        if (!BigIntegerEncoding.IsUint256(sum))
        {
            return LedgerResult.Revert(PanicArithmetic);
        }

        if (value != sum)
        {
            return LedgerResult.Revert(MsgValueMismatch);
        }

        var existing = state.Senders.GetValueOrDefault(sender);
        var deposit = (existing?.Deposit ?? BigInteger.Zero) + depositAmount;
        var funds = (existing?.Reserve.Funds ?? BigInteger.Zero) + reserveAmount;
        if (!BigIntegerEncoding.IsUint256(deposit) || !BigIntegerEncoding.IsUint256(funds))
        {
            return LedgerResult.Revert(PanicArithmetic);
        }

        var account = AccountFor(sender);
        var events = new List<TicketBrokerEvent>(3);
        account.Deposit = deposit;
        CancelUnlockIfPending(sender, account, events);
        account.Reserve.Funds = funds;
        events.Add(new ReserveFunded(sender, reserveAmount));
        events.Add(new DepositFunded(sender, depositAmount));
        return LedgerResult.Success([.. events]);
    }

    // ---- Unlock and withdraw (protocol-contracts.md §8.5) ----

    /// <summary><c>unlock()</c>: the sender may withdraw from round <c>currentRound + unlockPeriod</c>.</summary>
    public LedgerResult Unlock(EthAddress sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (state.Paused)
        {
            return LedgerResult.Revert(SystemPaused);
        }

        var account = state.Senders.GetValueOrDefault(sender);
        if (account is null || (account.Deposit.IsZero && account.Reserve.Funds.IsZero))
        {
            return LedgerResult.Revert(SenderDepositAndReserveZero);
        }

        if (account.WithdrawRound > 0)
        {
            return LedgerResult.Revert(UnlockAlreadyInitiated);
        }

        account.WithdrawRound = state.CurrentRound + state.UnlockPeriod;
        return LedgerResult.Success(new Unlock(sender, state.CurrentRound, account.WithdrawRound));
    }

    /// <summary><c>cancelUnlock()</c>.</summary>
    public LedgerResult CancelUnlock(EthAddress sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (state.Paused)
        {
            return LedgerResult.Revert(SystemPaused);
        }

        var account = state.Senders.GetValueOrDefault(sender);
        if (account is null || account.WithdrawRound == 0)
        {
            return LedgerResult.Revert(NoUnlockInProgress);
        }

        account.WithdrawRound = 0;
        return LedgerResult.Success(new UnlockCancelled(sender));
    }

    /// <summary>
    /// <c>withdraw()</c>: pays out the whole deposit and remaining reserve once the unlock has matured. Like the
    /// contract it leaves <c>withdrawRound</c> set and the round's reserve claims recorded, so a sender that funds
    /// again cancels that stale unlock, and claims made earlier in the round still count against the new reserve.
    /// </summary>
    public LedgerResult Withdraw(EthAddress sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (state.Paused)
        {
            return LedgerResult.Revert(SystemPaused);
        }

        var account = state.Senders.GetValueOrDefault(sender);
        var deposit = account?.Deposit ?? BigInteger.Zero;
        var reserve = account?.Reserve.Funds ?? BigInteger.Zero;
        if (account is null || (deposit.IsZero && reserve.IsZero))
        {
            return LedgerResult.Revert(SenderDepositAndReserveZero);
        }

        if (account.WithdrawRound == 0)
        {
            return LedgerResult.Revert(NoUnlockInProgress);
        }

        if (IsLocked(account))
        {
            return LedgerResult.Revert(AccountLocked);
        }

        account.Deposit = BigInteger.Zero;
        account.Reserve.Funds = BigInteger.Zero;
        return LedgerResult.Success(new Withdrawal(sender, deposit, reserve));
    }

    // ---- Views (protocol-contracts.md §8.5–8.7) ----

    public bool IsUnlockInProgress(EthAddress sender) => state.Senders.GetValueOrDefault(sender)?.WithdrawRound > 0;

    public TicketBrokerSenderInfo GetSenderInfo(EthAddress sender)
    {
        var account = state.Senders.GetValueOrDefault(sender);
        return new(account?.Deposit ?? BigInteger.Zero, account?.WithdrawRound ?? 0, GetReserveInfo(sender));
    }

    public ReserveInfo GetReserveInfo(EthAddress reserveHolder)
    {
        var reserve = state.Senders.GetValueOrDefault(reserveHolder)?.Reserve;
        return reserve is null ? new(BigInteger.Zero, BigInteger.Zero) : new(reserve.Funds, ClaimedForCurrentRound(reserve));
    }

    /// <summary>
    /// <c>claimableReserve(holder, claimant)</c>: what <paramref name="claimant"/> may still draw from the reserve
    /// this round, <c>(funds + claimedForRound) / poolSize − claimedByAddress</c>, or 0 for an inactive claimant or an
    /// empty pool (payments.md §10.1). Null where the contract's subtraction underflows and the call reverts: when
    /// the pool grew, or the reserve was withdrawn and refunded, after this claimant drew its share this round.
    /// </summary>
    public BigInteger? ClaimableReserve(EthAddress reserveHolder, EthAddress claimant) =>
        TryClaimableReserve(reserveHolder, claimant, out var claimable) ? claimable : null;

    /// <summary><c>claimedReserve(holder, claimant)</c>: what the claimant drew from the reserve this round.</summary>
    public BigInteger ClaimedReserve(EthAddress reserveHolder, EthAddress claimant)
    {
        var reserve = state.Senders.GetValueOrDefault(reserveHolder)?.Reserve;
        return reserve is null ? BigInteger.Zero : ClaimedByForCurrentRound(reserve, claimant);
    }

    /// <summary><c>usedTickets(ticketHash)</c>.</summary>
    public bool IsUsedTicket(Hash32 ticketHash) => state.UsedTickets.ContainsKey(ticketHash);

    /// <summary>
    /// Forgets the used tickets that have expired, to bound the state. Redemption outcomes do not change, because
    /// the contract checks expiry before use, so a replayed expired ticket still gets "ticket is expired"; only
    /// <see cref="IsUsedTicket"/> answers false for them afterwards. Unsafe if the validity period is later raised.
    /// </summary>
    public int PruneExpiredUsedTickets()
    {
        var expired = state.UsedTickets
            .Where(used => IsExpired(used.Value))
            .Select(used => used.Key)
            .ToList();
        foreach (var hash in expired)
        {
            state.UsedTickets.Remove(hash);
        }

        return expired.Count;
    }

    // ---- Redemption (protocol-contracts.md §8.2, §8.3) ----

    /// <summary>
    /// <c>redeemWinningTicket(ticket, sig, recipientRand)</c>. Anyone may submit it; the payout always goes to the
    /// ticket's recipient. Checks run in the contract's order, so a ticket failing several reports the first.
    /// Pays from the deposit first, then from the reserve up to the recipient's claimable share; the payment may
    /// fall short of the face value, and the ticket is used even when nothing could be paid.
    /// </summary>
    public LedgerResult RedeemWinningTicket(BrokerTicket ticket, ReadOnlySpan<byte> sig, BigInteger recipientRand)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        BigIntegerEncoding.RequireUint256(recipientRand, nameof(recipientRand));
        if (LiveRoundError() is { } notLive)
        {
            return LedgerResult.Revert(notLive);
        }

        var ticketHash = ticket.Hash();
        if (WinningTicketError(ticket, ticketHash, sig, recipientRand, out var creationRound) is { } invalid)
        {
            return LedgerResult.Revert(invalid);
        }

        // A sender without an account reads as all zeros on chain: locked (withdrawRound 0) and unfunded.
        var account = state.Senders.GetValueOrDefault(ticket.Sender);
        if (account is not null && !IsLocked(account))
        {
            return LedgerResult.Revert(SenderUnlocked);
        }

        if (account is null || (account.Deposit.IsZero && account.Reserve.Funds.IsZero))
        {
            return LedgerResult.Revert(SenderDepositAndReserveZero);
        }

        // Work out the payment before changing anything: the reserve arithmetic and BondingManager can still revert.
        var deposit = account.Deposit;
        var fromReserve = BigInteger.Zero;
        var shortfall = ticket.FaceValue > deposit;
        if (shortfall)
        {
            if (!TryClaimableReserve(ticket.Sender, ticket.Recipient, out var claimable))
            {
                return LedgerResult.Revert(PanicArithmetic);
            }

            fromReserve = BigInteger.Min(ticket.FaceValue - deposit, claimable);

            // The share counts claims already made this round, so when more recipients are active than the pool
            // size divides by, a share can exceed what is left and funds − claim underflows.
            if (fromReserve > account.Reserve.Funds)
            {
                return LedgerResult.Revert(PanicArithmetic);
            }
        }

        var amount = shortfall ? deposit + fromReserve : ticket.FaceValue;
        if (amount > 0 && !state.RegisteredTranscoders.Contains(ticket.Recipient))
        {
            return LedgerResult.Revert(TranscoderNotRegistered);
        }

        state.UsedTickets[ticketHash] = creationRound;
        var events = new List<TicketBrokerEvent>(3);
        if (shortfall)
        {
            account.Deposit = BigInteger.Zero;
            if (fromReserve > 0)
            {
                RecordClaim(account.Reserve, ticket.Recipient, fromReserve);
                events.Add(new ReserveClaimed(ticket.Sender, ticket.Recipient, fromReserve));
            }
        }
        else
        {
            account.Deposit = deposit - ticket.FaceValue;
        }

        if (amount > 0)
        {
            // ETH stays in the Minter; the recipient's fee pool is credited (updateTranscoderWithFees).
            state.FeesCredited[ticket.Recipient] = state.FeesCredited.GetValueOrDefault(ticket.Recipient) + amount;
            events.Add(new WinningTicketTransfer(ticket.Sender, ticket.Recipient, amount));
        }

        events.Add(new WinningTicketRedeemed(
            ticket.Sender, ticket.Recipient, ticket.FaceValue, ticket.WinProb, ticket.SenderNonce, recipientRand, ticket.AuxData));
        return LedgerResult.Success([.. events]);
    }

    /// <summary>Redeems an off-chain ticket with its signature and revealed recipientRand.</summary>
    public LedgerResult RedeemWinningTicket(SignedTicket signedTicket)
    {
        ArgumentNullException.ThrowIfNull(signedTicket);
        return RedeemWinningTicket(BrokerTicket.From(signedTicket.Ticket), signedTicket.Sig, signedTicket.RecipientRand);
    }

    /// <summary>
    /// <c>batchRedeemWinningTickets(tickets, sigs, recipientRands)</c> (MixinWrappers): redeems each ticket as its
    /// own call and swallows failures, so the batch succeeds with the events of the tickets that were redeemed
    /// (protocol-contracts.md §8.3). The batch itself reverts while paused or before the round is initialized, and
    /// with an out-of-bounds panic, undoing everything, when <paramref name="sigs"/> or
    /// <paramref name="recipientRands"/> is shorter than <paramref name="tickets"/>; longer ones are ignored.
    /// </summary>
    public BatchRedeemResult BatchRedeemWinningTickets(
        IReadOnlyList<BrokerTicket> tickets,
        IReadOnlyList<byte[]> sigs,
        IReadOnlyList<BigInteger> recipientRands)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        ArgumentNullException.ThrowIfNull(sigs);
        ArgumentNullException.ThrowIfNull(recipientRands);
        if (LiveRoundError() is { } notLive)
        {
            return new(LedgerResult.Revert(notLive), []);
        }

        // The loop would panic at the first missing element and revert the earlier redemptions with it, which
        // leaves the same state as refusing up front.
        if (sigs.Count < tickets.Count || recipientRands.Count < tickets.Count)
        {
            return new(LedgerResult.Revert(PanicArrayOutOfBounds), []);
        }

        var results = new List<LedgerResult>(tickets.Count);
        var events = new List<TicketBrokerEvent>();
        for (var i = 0; i < tickets.Count; i++)
        {
            var result = RedeemWinningTicket(tickets[i], sigs[i], recipientRands[i]);
            results.Add(result);
            events.AddRange(result.Events);
        }

        return new(LedgerResult.Success([.. events]), results);
    }

    /// <summary>Batch redemption of off-chain tickets.</summary>
    public BatchRedeemResult BatchRedeemWinningTickets(IReadOnlyList<SignedTicket> signedTickets)
    {
        ArgumentNullException.ThrowIfNull(signedTickets);
        return BatchRedeemWinningTickets(
            signedTickets.Select(t => BrokerTicket.From(t.Ticket)).ToList(),
            signedTickets.Select(t => t.Sig).ToList(),
            signedTickets.Select(t => t.RecipientRand).ToList());
    }

    // ---- Internals ----

    private string? LiveRoundError() =>
        state.Paused ? SystemPaused
        : !CurrentRoundInitialized ? CurrentRoundNotInitialized
        : null;

    /// <summary>requireValidWinningTicket, in the contract's order; returns the first failure.</summary>
    private string? WinningTicketError(BrokerTicket ticket, Hash32 ticketHash, ReadOnlySpan<byte> sig, BigInteger recipientRand, out long creationRound)
    {
        creationRound = 0;
        if (ticket.Recipient.IsZero)
        {
            return RecipientIsNull;
        }

        if (ticket.Sender.IsZero)
        {
            return SenderIsNull;
        }

        if (AuxDataError(ticket.AuxData, out creationRound) is { } auxDataError)
        {
            return auxDataError;
        }

        if (RecipientRand.Hash(recipientRand) != ticket.RecipientRandHash)
        {
            return RecipientRandMismatch;
        }

        if (state.UsedTickets.ContainsKey(ticketHash))
        {
            return TicketUsed;
        }

        if (SignatureError(ticket.Sender, ticketHash, sig) is { } signatureError)
        {
            return signatureError;
        }

        return WinningRule.IsWinning(sig, recipientRand, ticket.WinProb) ? null : TicketDidNotWin;
    }

    /// <summary>requireValidTicketAuxData (MixinTicketProcessor).</summary>
    private string? AuxDataError(byte[] auxData, out long creationRound)
    {
        creationRound = 0;
        if (auxData.Length != TicketExpirationParams.AuxDataLength)
        {
            return InvalidAuxDataLength;
        }

        var round = BigIntegerEncoding.FromUnsigned(auxData.AsSpan(0, BigIntegerEncoding.Uint256Length));
        var claimedHash = Hash32.FromBytes(auxData.AsSpan(BigIntegerEncoding.Uint256Length));

        // A round beyond long's range was never initialized, so it has no block hash.
        var storedHash = round <= long.MaxValue ? BlockHashForRound((long)round) : Hash32.Zero;
        if (storedHash.IsZero)
        {
            return CreationRoundHasNoBlockHash;
        }

        if (claimedHash != storedHash)
        {
            return CreationRoundBlockHashInvalid;
        }

        creationRound = (long)round;
        return IsExpired(creationRound) ? TicketExpired : null;
    }

    /// <summary>
    /// isValidTicketSig: the contract's own length check, then OpenZeppelin 4.4.1 ECDSA.recover, which reverts on
    /// high s, a v other than 27/28 and an unrecoverable signature, in the order EthSignature checks them.
    /// </summary>
    private static string? SignatureError(EthAddress sender, Hash32 ticketHash, ReadOnlySpan<byte> sig) =>
        EthSignature.VerifyPersonal(ticketHash.Span, sig, sender) switch
        {
            SignatureCheck.Valid => null,
            SignatureCheck.InvalidLength => InvalidSignatureLength,
            SignatureCheck.SValueTooHigh => EcdsaInvalidS,
            SignatureCheck.InvalidRecoveryId => EcdsaInvalidV,
            SignatureCheck.Unrecoverable => EcdsaInvalidSignature,
            SignatureCheck.SignerMismatch => InvalidTicketSignature,
            var other => throw new InvalidOperationException($"unexpected signature check {other}"),
        };

    // creationRound + ticketValidityPeriod > currentRound, in BigInteger so no period can overflow it.
    private bool IsExpired(long creationRound) =>
        (BigInteger)creationRound + state.TicketValidityPeriod <= state.CurrentRound;

    /// <summary>Tickets are redeemable only while the sender has not reached its withdraw round.</summary>
    private bool IsLocked(SenderAccount account) =>
        account.WithdrawRound == 0 || state.CurrentRound < account.WithdrawRound;

    private SenderAccount AccountFor(EthAddress sender)
    {
        if (!state.Senders.TryGetValue(sender, out var account))
        {
            account = new SenderAccount();
            state.Senders.Add(sender, account);
        }

        return account;
    }

    /// <summary>Funding by the sender itself cancels its pending unlock (processDeposit / processReserve).</summary>
    private static void CancelUnlockIfPending(EthAddress sender, SenderAccount account, List<TicketBrokerEvent> events)
    {
        if (account.WithdrawRound > 0)
        {
            account.WithdrawRound = 0;
            events.Add(new UnlockCancelled(sender));
        }
    }

    private bool TryClaimableReserve(EthAddress reserveHolder, EthAddress claimant, out BigInteger claimable)
    {
        claimable = BigInteger.Zero;
        if (!state.ActiveTranscoders.Contains(claimant) || state.TranscoderPoolSize == 0)
        {
            return true;
        }

        var reserve = state.Senders.GetValueOrDefault(reserveHolder)?.Reserve;
        if (reserve is null)
        {
            return true;
        }

        var total = reserve.Funds + ClaimedForCurrentRound(reserve);
        var share = total / state.TranscoderPoolSize;
        var claimed = ClaimedByForCurrentRound(reserve, claimant);
        if (!BigIntegerEncoding.IsUint256(total) || claimed > share)
        {
            return false;
        }

        claimable = share - claimed;
        return true;
    }

    private BigInteger ClaimedForCurrentRound(ReserveAccount reserve) =>
        reserve.ClaimsRound == state.CurrentRound ? reserve.ClaimedForRound : BigInteger.Zero;

    private BigInteger ClaimedByForCurrentRound(ReserveAccount reserve, EthAddress claimant) =>
        reserve.ClaimsRound == state.CurrentRound ? reserve.ClaimedByAddress.GetValueOrDefault(claimant) : BigInteger.Zero;

    /// <summary>claimFromReserve's bookkeeping; claims from an earlier round are dropped on the first new one.</summary>
    private void RecordClaim(ReserveAccount reserve, EthAddress claimant, BigInteger amount)
    {
        if (reserve.ClaimsRound != state.CurrentRound)
        {
            reserve.ClaimsRound = state.CurrentRound;
            reserve.ClaimedForRound = BigInteger.Zero;
            reserve.ClaimedByAddress.Clear();
        }

        reserve.ClaimedForRound += amount;
        reserve.ClaimedByAddress[claimant] = reserve.ClaimedByAddress.GetValueOrDefault(claimant) + amount;
        reserve.Funds -= amount;
    }
}
