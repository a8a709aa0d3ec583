using System.Numerics;
using System.Security.Cryptography;
using Livepeer.Crypto;

namespace Livepeer.Payments;

/// <summary>
/// O's side of probabilistic micropayments (go-livepeer <c>pm/recipient.go</c>): issues ticket
/// params and validates received tickets. Thread-safe: the only mutable state, the nonces seen
/// per recipientRand, is guarded by a lock.
/// </summary>
public sealed class Recipient
{
    /// <summary>How many L1 blocks fresh params stay valid (<c>paramsExpirationBlock</c>).</summary>
    public const int ParamsExpirationBlocks = 40;

    /// <summary>Nonces accepted per recipientRand (<c>maxSenderNonces</c>).</summary>
    public const int MaxSenderNonces = 600;

    private readonly byte[] secret;
    private readonly TicketParamsConfig config;
    private readonly ITimeManager timeManager;
    private readonly ISenderMonitor senderMonitor;
    private readonly IGasPriceMonitor gasPriceMonitor;

    private readonly Lock nonceLock = new();
    private readonly Dictionary<BigInteger, SeenNonces> senderNonces = [];

    /// <param name="address">O's address, or <c>-ethOrchAddr</c> when set; tickets must name it.</param>
    /// <param name="secret">
    /// 32 bytes from a CSPRNG, drawn at start-up and never persisted: a restart invalidates all
    /// outstanding params (see shared spec: payments.md §4 and §14.8).
    /// </param>
    public Recipient(
        EthAddress address,
        ReadOnlySpan<byte> secret,
        TicketParamsConfig config,
        ITimeManager timeManager,
        ISenderMonitor senderMonitor,
        IGasPriceMonitor gasPriceMonitor)
    {
        if (secret.Length != RecipientRand.SecretLength)
        {
            throw new ArgumentException($"the recipient secret is {RecipientRand.SecretLength} bytes", nameof(secret));
        }

        Address = address;
        this.secret = secret.ToArray();
        this.config = config;
        this.timeManager = timeManager;
        this.senderMonitor = senderMonitor;
        this.gasPriceMonitor = gasPriceMonitor;
    }

    public EthAddress Address { get; }

    /// <summary>The configured EV per ticket, as go-livepeer's <c>Recipient.EV()</c>.</summary>
    public BigRational EV => config.EV;

    /// <summary>
    /// Fresh params for <paramref name="sender"/> at <paramref name="price"/>: a new seed, face
    /// value and win probability (both 0 when the price is 0), expiry 40 L1 blocks out, and the
    /// recipientRandHash committing to all of it (see shared spec: payments.md §4 and §5).
    /// </summary>
    public PaymentResult<TicketParams> TicketParams(EthAddress sender, PriceInfo price)
    {
        var faceValue = BigInteger.Zero;
        if (!price.IsFree)
        {
            var computed = FaceValue(sender);
            if (!computed.IsSuccess)
            {
                return computed.Error;
            }

            faceValue = computed.Value;
        }

        var winProb = config.WinProb(faceValue);
        var seed = BigIntegerEncoding.FromUnsigned(RandomNumberGenerator.GetBytes(32));
        var expirationBlock = timeManager.LastSeenL1Block + ParamsExpirationBlocks;
        var expirationParams = CurrentExpirationParams();
        var recipientRand = RecipientRand.Compute(secret, seed, sender, faceValue, winProb, expirationBlock, price, expirationParams);

        return new TicketParams
        {
            Recipient = Address,
            FaceValue = faceValue,
            WinProb = winProb,
            RecipientRandHash = RecipientRand.Hash(recipientRand),
            Seed = seed,
            ExpirationBlock = expirationBlock,
            PricePerPixel = price,
            ExpirationParams = expirationParams,
        };
    }

    /// <summary>
    /// The face value O would offer <paramref name="sender"/> divided by the current redemption
    /// cost, which drives automatic price adjustment (see shared spec: payments.md §5 and §12.1).
    /// Zero when gas is free.
    /// </summary>
    public PaymentResult<BigRational> TxCostMultiplier(EthAddress sender)
    {
        var faceValue = FaceValue(sender);
        if (!faceValue.IsSuccess)
        {
            return faceValue.Error;
        }

        var txCost = config.TxCost(gasPriceMonitor.GasPrice);
        return txCost.Sign > 0 ? new BigRational(faceValue.Value, txCost) : BigRational.Zero;
    }

    /// <summary>
    /// Validates one ticket in go-livepeer's order (see shared spec: payments.md §7.1):
    /// sender not unlocking (fatal); recipient, sender, recipientRandHash (fatal) and signature
    /// (non-fatal); win check; nonce replay; params expiry.
    /// </summary>
    /// <param name="seed">The seed B echoed back from the params the ticket was made from.</param>
    public ReceiveTicketResult ReceiveTicket(Ticket ticket, ReadOnlySpan<byte> sig, BigInteger seed)
    {
        var recipientRand = RecipientRand.Compute(
            secret,
            seed,
            ticket.Sender,
            ticket.FaceValue,
            ticket.WinProb,
            ticket.ParamsExpirationBlock,
            ticket.PricePerPixel,
            ticket.ExpirationParams);

        var error = ValidateSender(ticket.Sender) ?? ValidateTicket(ticket, sig, recipientRand);
        if (error is not null)
        {
            return new ReceiveTicketResult(null, error);
        }

        var winningTicket = WinningRule.IsWinning(sig, recipientRand, ticket.WinProb)
            ? new SignedTicket(ticket, sig.ToArray(), recipientRand)
            : null;

        error = UpdateSenderNonce(recipientRand, ticket);
        if (error is null && ticket.ParamsExpirationBlock <= timeManager.LastSeenL1Block)
        {
            error = PaymentError.TicketParamsExpired;
        }

        return new ReceiveTicketResult(winningTicket, error);
    }

    /// <summary>
    /// Forgets the nonces of params that expired at or before <paramref name="latestL1Block"/>;
    /// call it on every new L1 block. Expired params are refused anyway, so their nonces can go.
    /// </summary>
    /// <returns>How many recipientRand entries were dropped.</returns>
    public int CleanupSenderNonces(long latestL1Block)
    {
        lock (nonceLock)
        {
            var expired = senderNonces.Where(entry => entry.Value.ExpirationBlock <= latestL1Block).Select(entry => entry.Key).ToList();
            foreach (var recipientRand in expired)
            {
                senderNonces.Remove(recipientRand);
            }

            return expired.Count;
        }
    }

    private PaymentResult<BigInteger> FaceValue(EthAddress sender) =>
        config.FaceValue(gasPriceMonitor.GasPrice, senderMonitor.MaxFloat(sender));

    /// <summary>
    /// The last initialized round and its block hash. Arbitrum can record a zero L1 block hash,
    /// which makes tickets unredeemable, so O backdates to the previous round (#2360).
    /// </summary>
    private TicketExpirationParams CurrentExpirationParams()
    {
        var round = timeManager.LastInitializedRound;
        var blockHash = timeManager.LastInitializedL1BlockHash;
        return blockHash.IsZero && round > 0
            ? new TicketExpirationParams(round - 1, timeManager.PreLastInitializedL1BlockHash)
            : new TicketExpirationParams(round, blockHash);
    }

    private PaymentError? ValidateSender(EthAddress sender) =>
        senderMonitor.GetSenderInfo(sender).IsUnlockingSoon(timeManager.LastInitializedRound)
            ? new PaymentError(PaymentErrorCode.SenderUnlocking, $"deposit and reserve for sender {sender} is set to unlock soon", IsFatal: true)
            : null;

    // go-livepeer pm/validator.go ValidateTicket; only a bad signature is non-fatal.
    private PaymentError? ValidateTicket(Ticket ticket, ReadOnlySpan<byte> sig, BigInteger recipientRand)
    {
        if (ticket.Recipient != Address)
        {
            return new PaymentError(PaymentErrorCode.InvalidTicketRecipient, "invalid ticket recipient", IsFatal: true);
        }

        if (ticket.Sender.IsZero)
        {
            return new PaymentError(PaymentErrorCode.InvalidTicketSender, "invalid ticket sender", IsFatal: true);
        }

        if (RecipientRand.Hash(recipientRand) != ticket.RecipientRandHash)
        {
            return new PaymentError(PaymentErrorCode.InvalidRecipientRand, "invalid recipientRand for ticket recipientRandHash", IsFatal: true);
        }

        if (EthSignature.VerifyPersonal(ticket.Hash().Span, sig, ticket.Sender) != SignatureCheck.Valid)
        {
            return new PaymentError(PaymentErrorCode.InvalidTicketSignature, "invalid ticket signature");
        }

        return null;
    }

    /// <summary>
    /// Replay protection (see shared spec: payments.md §8): any nonce not yet seen for this
    /// recipientRand is accepted, in any order, up to <see cref="MaxSenderNonces"/>.
    /// </summary>
    private PaymentError? UpdateSenderNonce(BigInteger recipientRand, Ticket ticket)
    {
        lock (nonceLock)
        {
            if (!senderNonces.TryGetValue(recipientRand, out var seen))
            {
                seen = new SeenNonces(ticket.ParamsExpirationBlock);
                senderNonces.Add(recipientRand, seen);
            }

            if (seen.Nonces.Contains(ticket.SenderNonce))
            {
                return new PaymentError(
                    PaymentErrorCode.InvalidTicketSenderNonce,
                    $"invalid ticket senderNonce: already seen sender={ticket.Sender} nonce={ticket.SenderNonce}");
            }

            if (seen.Nonces.Count >= MaxSenderNonces)
            {
                return new PaymentError(
                    PaymentErrorCode.InvalidTicketSenderNonce,
                    $"invalid ticket senderNonce: too many values sender={ticket.Sender} nonce={ticket.SenderNonce}");
            }

            seen.Nonces.Add(ticket.SenderNonce);
            return null;
        }
    }

    private sealed class SeenNonces(long expirationBlock)
    {
        public long ExpirationBlock { get; } = expirationBlock;

        public HashSet<uint> Nonces { get; } = [];
    }
}
