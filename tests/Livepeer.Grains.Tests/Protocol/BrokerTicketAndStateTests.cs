using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;
using Livepeer.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using static Livepeer.Grains.Tests.Protocol.BrokerTestKit;

namespace Livepeer.Grains.Tests.Protocol;

/// <summary>The on-chain ticket form, and that the ledger's state and receipts survive the Orleans serializer.</summary>
public class BrokerTicketAndStateTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(EmbeddedTicketBroker).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Theory]
    [InlineData(0, false)]
    [InlineData(10, true)]
    [InlineData(0, true)]
    public void On_chain_form_hashes_like_the_off_chain_ticket(long creationRound, bool withHash)
    {
        var broker = NewBroker();
        var onChain = NewTicket(broker, 12_345, 99, senderNonce: uint.MaxValue);
        var offChain = RedeemPaymentTests.ToOffChain(onChain, creationRound, withHash ? BlockHash(creationRound) : Hash32.Zero);

        var converted = BrokerTicket.From(offChain);

        Assert.Equal(offChain.Hash(), converted.Hash());
        Assert.Equal(offChain.ExpirationParams.IsEmpty ? 0 : 64, converted.AuxData.Length);
    }

    [Fact]
    public void Hash_appends_auxData_of_any_length_raw()
    {
        var ticket = NewTicket(NewBroker(), 1, 1) with { AuxData = [1, 2, 3] };
        var packed = new byte[168 + 3];
        ticket.Recipient.Span.CopyTo(packed);
        ticket.Sender.Span.CopyTo(packed.AsSpan(20));
        BigIntegerEncoding.WriteUint256(1, packed.AsSpan(40));
        BigIntegerEncoding.WriteUint256(BigIntegerEncoding.MaxUint256, packed.AsSpan(72));
        BigIntegerEncoding.WriteUint256(1, packed.AsSpan(104));
        ticket.RecipientRandHash.Span.CopyTo(packed.AsSpan(136));
        packed[168..].AsSpan().Clear();
        packed[168] = 1;
        packed[169] = 2;
        packed[170] = 3;

        Assert.Equal(Keccak256.Hash(packed), ticket.Hash().ToArray());
    }

    [Fact]
    public void Tickets_and_events_compare_by_content()
    {
        var broker = NewBroker();
        var a = NewTicket(broker, 1, 1);
        var b = NewTicket(broker, 1, 1);

        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { AuxData = [.. a.AuxData[..63], 0] });
        Assert.Equal(
            new WinningTicketRedeemed(Gateway, Orch1, 1, 2, 3, 4, [5, 6]),
            new WinningTicketRedeemed(Gateway, Orch1, 1, 2, 3, 4, [5, 6]));
    }

    [Fact]
    public void Values_outside_uint256_are_rejected()
    {
        var ticket = NewTicket(NewBroker(), 1, 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => ticket with { FaceValue = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => ticket with { SenderNonce = BigIntegerEncoding.MaxUint256 + 1 });
    }

    [Fact]
    public void State_round_trips_through_the_orleans_serializer_and_keeps_working()
    {
        var broker = NewBroker(Orch1, Orch2);
        Succeeds(broker.FundDepositAndReserve(Gateway, 1_300, 100, 1_200));
        Succeeds(Redeem(broker, NewTicket(broker, 500, 1), 1));
        Succeeds(broker.Unlock(Gateway));

        var copy = new EmbeddedTicketBroker(RoundTrip(broker.State));

        Assert.Equal(broker.GetSenderInfo(Gateway), copy.GetSenderInfo(Gateway));
        Assert.Equal(broker.ClaimedReserve(Gateway, Orch1), copy.ClaimedReserve(Gateway, Orch1));
        Assert.Equal(broker.FeesCredited(Orch1), copy.FeesCredited(Orch1));
        Assert.Equal(StartRound, copy.LastInitializedRound);
        Assert.True(copy.IsActiveTranscoder(Orch2));
        RevertsWith(TicketBrokerErrors.TicketUsed, Redeem(copy, NewTicket(copy, 500, 1), 1));
        Succeeds(Redeem(copy, NewTicket(copy, 500, 2, recipient: Orch2), 2));
    }

    [Fact]
    public void Receipts_round_trip_through_the_orleans_serializer()
    {
        var broker = NewBroker();
        Succeeds(broker.FundReserve(Gateway, 1_000));
        var ticket = NewTicket(broker, 100, 1);
        var batch = broker.BatchRedeemWinningTickets([ticket, ticket], [Sign(ticket, GatewayKey), Sign(ticket, GatewayKey)], [1, 1]);

        var copy = RoundTrip(batch);

        Assert.Equal(batch.Transaction.Events, copy.Transaction.Events);
        Assert.Equal(TicketBrokerErrors.TicketUsed, copy.Tickets[1].RevertReason);
        Assert.Equal(ticket, RoundTrip(ticket));
        Assert.Equal(broker.GetSenderInfo(Gateway), RoundTrip(broker.GetSenderInfo(Gateway)));
    }

    private static T RoundTrip<T>(T value) =>
        Serializer.Deserialize<T>(Serializer.SerializeToArray(value)) ?? throw new InvalidOperationException("deserialized to null");
}
