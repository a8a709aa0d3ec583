using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Protocol;

/// <summary>
/// The TicketBroker's <c>Ticket</c> struct exactly as calldata carries it (see shared spec: protocol-contracts.md
/// §8.1): a uint256 nonce and auxData of any length. The off-chain <see cref="Ticket"/> cannot hold a malformed
/// auxData or a nonce above uint32, but a submitted ticket can, and the contract checks them, so the ledger takes
/// this shape.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BrokerTicket
{
    private const int FieldsLength = (2 * EthAddress.Length) + (4 * BigIntegerEncoding.Uint256Length);

    [Id(0)] public required EthAddress Recipient { get; init; }

    [Id(1)] public required EthAddress Sender { get; init; }

    [Id(2)] public required BigInteger FaceValue { get; init => field = BigIntegerEncoding.RequireUint256(value, nameof(FaceValue)); }

    [Id(3)] public required BigInteger WinProb { get; init => field = BigIntegerEncoding.RequireUint256(value, nameof(WinProb)); }

    [Id(4)] public required BigInteger SenderNonce { get; init => field = BigIntegerEncoding.RequireUint256(value, nameof(SenderNonce)); }

    [Id(5)] public required Hash32 RecipientRandHash { get; init; }

    /// <summary>uint256(creationRound) ‖ creationRoundBlockHash when well formed; the contract requires 64 bytes.</summary>
    [Id(6)] public required byte[] AuxData { get; init => field = (byte[])value.Clone(); }

    /// <summary>The on-chain form of an off-chain ticket; both hash to the same value.</summary>
    public static BrokerTicket From(Ticket ticket) => new()
    {
        Recipient = ticket.Recipient,
        Sender = ticket.Sender,
        FaceValue = ticket.FaceValue,
        WinProb = ticket.WinProb,
        SenderNonce = ticket.SenderNonce,
        RecipientRandHash = ticket.RecipientRandHash,
        AuxData = ticket.ExpirationParams.AuxData(),
    };

    /// <summary>
    /// The contract's getTicketHash: keccak256 of <c>abi.encodePacked</c> of all seven fields, auxData appended
    /// raw whatever its length (see shared spec: payments.md §2). <see cref="Ticket.Hash"/> is the same function
    /// restricted to the 0- or 64-byte auxData an off-chain ticket can carry.
    /// </summary>
    public Hash32 Hash()
    {
        var packed = new byte[FieldsLength + AuxData.Length];
        var length = Ticket.WriteHashedFields(packed, Recipient, Sender, FaceValue, WinProb, SenderNonce, RecipientRandHash);
        AuxData.CopyTo(packed.AsSpan(length));
        return Hash32.TakeOwnership(Keccak256.Hash(packed));
    }

    public bool Equals(BrokerTicket? other) =>
        other is not null
        && Recipient == other.Recipient
        && Sender == other.Sender
        && FaceValue == other.FaceValue
        && WinProb == other.WinProb
        && SenderNonce == other.SenderNonce
        && RecipientRandHash == other.RecipientRandHash
        && AuxData.AsSpan().SequenceEqual(other.AuxData);

    public override int GetHashCode() => HashCode.Combine(Recipient, Sender, FaceValue, SenderNonce, RecipientRandHash);
}
