using Livepeer.Crypto;

namespace Livepeer.Payments;

/// <summary>
/// B's side of probabilistic micropayments (go-livepeer <c>pm/sender.go</c>): one session per
/// set of O's params, keyed by recipientRandHash, each with its own nonce counter. Thread-safe.
/// </summary>
/// <remarks>
/// A nonce must never be reused for the same params, or O rejects the ticket as a replay. A host
/// that restarts within the params' lifetime persists <see cref="Nonce"/> after each batch and
/// resumes with <see cref="StartSessionWithNonce"/>.
/// </remarks>
public sealed class Sender(EthKey signer, ITimeManager timeManager, ISenderManager senderManager, SenderLimits limits)
{
    private readonly Lock sessionsLock = new();
    private readonly Dictionary<string, Session> sessions = new(StringComparer.OrdinalIgnoreCase);

    public EthAddress Address => signer.Address;

    /// <summary>Starts a session whose first ticket carries nonce 1; returns its ID, the recipientRandHash hex.</summary>
    public string StartSession(TicketParams ticketParams) => StartSessionWithNonce(ticketParams, 0);

    /// <summary>Starts or resumes a session whose next ticket carries <paramref name="lastNonce"/> + 1.</summary>
    /// <remarks>
    /// Unlike go-livepeer, restarting a session that is already known never moves its counter
    /// back, since a reused nonce would make O reject the ticket as a replay.
    /// </remarks>
    public string StartSessionWithNonce(TicketParams ticketParams, uint lastNonce)
    {
        var sessionId = ticketParams.RecipientRandHash.ToString();
        lock (sessionsLock)
        {
            if (sessions.TryGetValue(sessionId, out var existing))
            {
                existing.AdvanceTo(lastNonce);
            }
            else
            {
                sessions.Add(sessionId, new Session(ticketParams, lastNonce));
            }
        }

        return sessionId;
    }

    /// <summary>The last nonce used in the session, or null for an unknown session.</summary>
    public uint? Nonce(string sessionId) => Find(sessionId)?.LastNonce;

    public void CleanupSession(string sessionId)
    {
        lock (sessionsLock)
        {
            sessions.Remove(sessionId);
        }
    }

    /// <summary>The EV of each ticket in the session.</summary>
    public PaymentResult<BigRational> EV(string sessionId) =>
        Find(sessionId) is { } session ? session.Params.EV : UnknownSession(sessionId);

    /// <summary>Whether B would pay one ticket with these params (the gateway's discovery filter).</summary>
    public PaymentError? ValidateTicketParams(TicketParams ticketParams) => Validate(ticketParams, 1);

    /// <summary>
    /// Validates the session's params for <paramref name="size"/> tickets, then signs that many
    /// tickets with consecutive fresh nonces (see shared spec: payments.md §9.1).
    /// </summary>
    public PaymentResult<TicketBatch> CreateTicketBatch(string sessionId, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (Find(sessionId) is not { } session)
        {
            return UnknownSession(sessionId);
        }

        var ticketParams = session.Params;
        var error = Validate(ticketParams, size);
        if (error is not null)
        {
            return error;
        }

        if (!session.TryReserveNonces(size, out var firstNonce))
        {
            return new PaymentError(PaymentErrorCode.SenderNonceExhausted, $"sender nonces exhausted for session {sessionId}");
        }

        var expirationParams = ticketParams.ExpirationParams;

        // Params from an O that sent no (or zero) expiration params get B's own round.
        if (expirationParams.CreationRound == 0 || expirationParams.CreationRoundBlockHash.IsZero)
        {
            expirationParams = new TicketExpirationParams(timeManager.LastInitializedRound, timeManager.LastInitializedL1BlockHash);
        }

        var senderParams = new TicketSenderParams[size];
        for (var i = 0; i < size; i++)
        {
            var nonce = firstNonce + (uint)i;
            var ticket = Ticket.Create(ticketParams, expirationParams, Address, nonce);
            senderParams[i] = new TicketSenderParams(nonce, signer.SignPersonal(ticket.Hash().Span));
        }

        return new TicketBatch(ticketParams, expirationParams, Address, senderParams);
    }

    private Session? Find(string sessionId)
    {
        lock (sessionsLock)
        {
            return sessions.GetValueOrDefault(sessionId);
        }
    }

    private PaymentError? Validate(TicketParams ticketParams, int ticketCount) => TicketParamsValidator.Validate(
        ticketParams,
        ticketCount,
        timeManager.LastSeenL1Block,
        timeManager.LastInitializedRound,
        senderManager.GetSenderInfo(Address),
        limits);

    private static PaymentError UnknownSession(string sessionId) =>
        new(PaymentErrorCode.UnknownSession, $"error loading session: {sessionId}");

    private sealed class Session(TicketParams ticketParams, uint lastNonce)
    {
        private readonly Lock nonceLock = new();
        private uint lastNonce = lastNonce;

        public TicketParams Params { get; } = ticketParams;

        public uint LastNonce
        {
            get
            {
                lock (nonceLock)
                {
                    return lastNonce;
                }
            }
        }

        public void AdvanceTo(uint nonce)
        {
            lock (nonceLock)
            {
                lastNonce = Math.Max(lastNonce, nonce);
            }
        }

        /// <summary>
        /// Takes <paramref name="count"/> consecutive nonces at once, so concurrent batches never
        /// share one; fails rather than wrap past uint32.
        /// </summary>
        public bool TryReserveNonces(int count, out uint first)
        {
            lock (nonceLock)
            {
                if (lastNonce > uint.MaxValue - (uint)count)
                {
                    first = 0;
                    return false;
                }

                first = lastNonce + 1;
                lastNonce += (uint)count;
                return true;
            }
        }
    }
}
