using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Protocol;

// The logs a successful call emits, as values, named and ordered as the contracts emit them (see shared spec:
// protocol-contracts.md Appendix B). Rounds are uint256 on chain and long here, as everywhere in this node.

/// <summary>A log emitted by the embedded TicketBroker or RoundsManager.</summary>
[GenerateSerializer]
public abstract record TicketBrokerEvent;

/// <summary><c>DepositFunded(address indexed sender, uint256 amount)</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record DepositFunded([property: Id(0)] EthAddress Sender, [property: Id(1)] BigInteger Amount) : TicketBrokerEvent;

/// <summary><c>ReserveFunded(address indexed reserveHolder, uint256 amount)</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record ReserveFunded([property: Id(0)] EthAddress ReserveHolder, [property: Id(1)] BigInteger Amount) : TicketBrokerEvent;

/// <summary><c>ReserveClaimed(address indexed reserveHolder, address claimant, uint256 amount)</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record ReserveClaimed(
    [property: Id(0)] EthAddress ReserveHolder,
    [property: Id(1)] EthAddress Claimant,
    [property: Id(2)] BigInteger Amount) : TicketBrokerEvent;

/// <summary><c>WinningTicketTransfer(address indexed sender, address indexed recipient, uint256 amount)</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record WinningTicketTransfer(
    [property: Id(0)] EthAddress Sender,
    [property: Id(1)] EthAddress Recipient,
    [property: Id(2)] BigInteger Amount) : TicketBrokerEvent;

/// <summary>
/// <c>WinningTicketRedeemed(address indexed sender, address indexed recipient, uint256 faceValue, uint256 winProb,
/// uint256 senderNonce, uint256 recipientRand, bytes auxData)</c>; emitted even when nothing could be paid.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WinningTicketRedeemed(
    [property: Id(0)] EthAddress Sender,
    [property: Id(1)] EthAddress Recipient,
    [property: Id(2)] BigInteger FaceValue,
    [property: Id(3)] BigInteger WinProb,
    [property: Id(4)] BigInteger SenderNonce,
    [property: Id(5)] BigInteger RecipientRand,
    [property: Id(6)] byte[] AuxData) : TicketBrokerEvent
{
    // Compared by content, so a test or a caller can match whole event lists.
    public bool Equals(WinningTicketRedeemed? other) =>
        other is not null
        && Sender == other.Sender
        && Recipient == other.Recipient
        && FaceValue == other.FaceValue
        && WinProb == other.WinProb
        && SenderNonce == other.SenderNonce
        && RecipientRand == other.RecipientRand
        && AuxData.AsSpan().SequenceEqual(other.AuxData);

    public override int GetHashCode() => HashCode.Combine(Sender, Recipient, FaceValue, SenderNonce, RecipientRand);
}

/// <summary><c>Unlock(address indexed sender, uint256 startRound, uint256 endRound)</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record Unlock([property: Id(0)] EthAddress Sender, [property: Id(1)] long StartRound, [property: Id(2)] long EndRound) : TicketBrokerEvent;

/// <summary><c>UnlockCancelled(address indexed sender)</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record UnlockCancelled([property: Id(0)] EthAddress Sender) : TicketBrokerEvent;

/// <summary><c>Withdrawal(address indexed sender, uint256 deposit, uint256 reserve)</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record Withdrawal([property: Id(0)] EthAddress Sender, [property: Id(1)] BigInteger Deposit, [property: Id(2)] BigInteger Reserve) : TicketBrokerEvent;

/// <summary>RoundsManager's <c>NewRound(uint256 indexed round, bytes32 blockHash)</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record NewRound([property: Id(0)] long Round, [property: Id(1)] Hash32 BlockHash) : TicketBrokerEvent;
