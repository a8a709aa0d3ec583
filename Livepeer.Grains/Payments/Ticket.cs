using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Payments;

/// <summary>
/// A probabilistic micropayment ticket (go-livepeer <c>pm.Ticket</c>; see shared spec:
/// payments.md §1.1). <see cref="ParamsExpirationBlock"/> and <see cref="PricePerPixel"/> are not
/// hashed but feed the recipientRand HMAC.
/// </summary>
public sealed record Ticket
{
    /// <summary>Length of <see cref="Flatten"/> with the standard 64-byte auxData.</summary>
    public const int FlattenedLength = HashedFieldsLength + TicketExpirationParams.AuxDataLength;

    // recipient 20 ‖ sender 20 ‖ faceValue 32 ‖ winProb 32 ‖ senderNonce 32 ‖ recipientRandHash 32.
    private const int HashedFieldsLength = (2 * EthAddress.Length) + (4 * BigIntegerEncoding.Uint256Length);

    public required EthAddress Recipient { get; init; }

    public required EthAddress Sender { get; init; }

    public required BigInteger FaceValue { get; init => field = BigIntegerEncoding.RequireUint256(value, nameof(FaceValue)); }

    public required BigInteger WinProb { get; init => field = BigIntegerEncoding.RequireUint256(value, nameof(WinProb)); }

    public required uint SenderNonce { get; init; }

    public required Hash32 RecipientRandHash { get; init; }

    public required TicketExpirationParams ExpirationParams { get; init; }

    /// <summary>L1 block after which O stops accepting tickets made from these params.</summary>
    public required long ParamsExpirationBlock { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(ParamsExpirationBlock)); }

    public required PriceInfo PricePerPixel { get; init; }

    public BigRational EV => TicketEv.Compute(FaceValue, WinProb);

    public BigRational WinProbRat => TicketEv.WinProbRat(WinProb);

    /// <summary>Builds ticket <paramref name="senderNonce"/> of a batch (go-livepeer <c>NewTicket</c>).</summary>
    public static Ticket Create(TicketParams ticketParams, TicketExpirationParams expirationParams, EthAddress sender, uint senderNonce) => new()
    {
        Recipient = ticketParams.Recipient,
        Sender = sender,
        FaceValue = ticketParams.FaceValue,
        WinProb = ticketParams.WinProb,
        SenderNonce = senderNonce,
        RecipientRandHash = ticketParams.RecipientRandHash,
        ExpirationParams = expirationParams,
        ParamsExpirationBlock = ticketParams.ExpirationBlock,
        PricePerPixel = ticketParams.PricePerPixel,
    };

    /// <summary>
    /// The <c>abi.encodePacked</c> bytes the contract hashes (see shared spec: payments.md §2):
    /// 168 bytes of fields followed by 0 or 64 bytes of auxData.
    /// </summary>
    public byte[] Flatten()
    {
        var buffer = new byte[HashedFieldsLength + (ExpirationParams.IsEmpty ? 0 : TicketExpirationParams.AuxDataLength)];
        WriteFlattened(buffer);
        return buffer;
    }

    /// <summary>keccak256(<see cref="Flatten"/>), the value the sender personal-signs.</summary>
    public Hash32 Hash()
    {
        Span<byte> buffer = stackalloc byte[FlattenedLength];
        var length = WriteFlattened(buffer);
        return Hash32.TakeOwnership(Keccak256.Hash(buffer[..length]));
    }

    /// <summary>
    /// Writes the six fixed fields of the ticket hash, <c>abi.encodePacked</c> style (see shared spec: payments.md §2);
    /// the contract's ticket form shares it, with a uint256 nonce. Returns the bytes written; auxData follows.
    /// </summary>
    internal static int WriteHashedFields(
        Span<byte> destination, EthAddress recipient, EthAddress sender, BigInteger faceValue, BigInteger winProb,
        BigInteger senderNonce, Hash32 recipientRandHash)
    {
        recipient.Span.CopyTo(destination);
        sender.Span.CopyTo(destination[20..]);
        BigIntegerEncoding.WriteUint256(faceValue, destination[40..]);
        BigIntegerEncoding.WriteUint256(winProb, destination[72..]);
        BigIntegerEncoding.WriteUint256(senderNonce, destination[104..]);
        recipientRandHash.Span.CopyTo(destination[136..]);
        return HashedFieldsLength;
    }

    private int WriteFlattened(Span<byte> destination)
    {
        var length = WriteHashedFields(destination, Recipient, Sender, FaceValue, WinProb, SenderNonce, RecipientRandHash);
        return length + ExpirationParams.WriteAuxData(destination[length..]);
    }
}
