using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;
using Livepeer.Protocol;

namespace Livepeer.Grains.Tests.Protocol;

/// <summary>Keys, addresses and ticket builders shared by the embedded TicketBroker tests.</summary>
internal static class BrokerTestKit
{
    public const long StartRound = 10;

    public static readonly EthKey GatewayKey = EthKey.FromHex(new string('1', 64));
    public static readonly EthKey OtherGatewayKey = EthKey.FromHex(new string('2', 64));
    public static readonly EthKey StrangerKey = EthKey.FromHex(new string('3', 64));

    public static readonly EthAddress Gateway = GatewayKey.Address;
    public static readonly EthAddress OtherGateway = OtherGatewayKey.Address;
    public static readonly EthAddress Orch1 = Address(0xa1);
    public static readonly EthAddress Orch2 = Address(0xa2);
    public static readonly EthAddress Orch3 = Address(0xa3);

    public static EthAddress Address(byte fill) => EthAddress.FromBytes(Enumerable.Repeat(fill, EthAddress.Length).ToArray());

    /// <summary>A distinct non-zero block hash per round.</summary>
    public static Hash32 BlockHash(long round) => Hash32.FromBytes(Keccak256.Hash(BigIntegerEncoding.ToUint256Bytes(round + 1_000_000)));

    /// <summary>
    /// A broker whose rounds <see cref="StartRound"/> − 2 … <see cref="StartRound"/> are initialized, with
    /// <paramref name="activeRecipients"/> (default: <see cref="Orch1"/> alone) active and registered.
    /// </summary>
    public static EmbeddedTicketBroker NewBroker(params EthAddress[] activeRecipients)
    {
        var broker = new EmbeddedTicketBroker();
        for (var round = StartRound - 2; round <= StartRound; round++)
        {
            Assert.True(broker.AdvanceRound(round, BlockHash(round)).Succeeded);
        }

        broker.SetTranscoderPool(activeRecipients.Length == 0 ? [Orch1] : activeRecipients);
        return broker;
    }

    /// <summary>Advances to <paramref name="round"/>, initializing every round on the way.</summary>
    public static void AdvanceTo(EmbeddedTicketBroker broker, long round)
    {
        for (var next = broker.CurrentRound + 1; next <= round; next++)
        {
            Assert.True(broker.AdvanceRound(next, BlockHash(next)).Succeeded);
        }
    }

    public static byte[] AuxData(long creationRound, Hash32 blockHash) =>
        new TicketExpirationParams(creationRound, blockHash).AuxData();

    /// <summary>An always-winning ticket created in the broker's current round.</summary>
    public static BrokerTicket NewTicket(
        EmbeddedTicketBroker broker,
        BigInteger faceValue,
        BigInteger recipientRand,
        EthAddress? recipient = null,
        EthAddress? sender = null,
        BigInteger? senderNonce = null) => new()
        {
            Recipient = recipient ?? Orch1,
            Sender = sender ?? Gateway,
            FaceValue = faceValue,
            WinProb = BigIntegerEncoding.MaxUint256,
            SenderNonce = senderNonce ?? recipientRand,
            RecipientRandHash = RecipientRand.Hash(recipientRand),
            AuxData = AuxData(broker.CurrentRound, broker.BlockHashForRound(broker.CurrentRound)),
        };

    public static byte[] Sign(BrokerTicket ticket, EthKey key) => key.SignPersonal(ticket.Hash().Span);

    /// <summary>Signs with <see cref="GatewayKey"/> (or <paramref name="key"/>) and redeems.</summary>
    public static LedgerResult Redeem(EmbeddedTicketBroker broker, BrokerTicket ticket, BigInteger recipientRand, EthKey? key = null) =>
        broker.RedeemWinningTicket(ticket, Sign(ticket, key ?? GatewayKey), recipientRand);

    public static void Succeeds(LedgerResult result) =>
        Assert.True(result.Succeeded, $"expected success, got {result}");

    public static void RevertsWith(string reason, LedgerResult result) =>
        Assert.Equal(reason, result.RevertReason);
}
