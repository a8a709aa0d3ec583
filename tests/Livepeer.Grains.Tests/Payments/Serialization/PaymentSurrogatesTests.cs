using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments.Serialization;

/// <summary>
/// The payment domain's values through Orleans' serializer (grain calls between silos, grain storage) and copier
/// (grain calls inside a silo), by way of the surrogates in <c>PaymentSurrogates.cs</c>.
/// </summary>
public sealed class PaymentSurrogatesTests
{
    private static readonly EthKey SenderKey = EthKey.FromHex("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static readonly EthAddress Recipient = EthAddress.Parse("0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F");

    private static readonly TicketParams Params = new()
    {
        Recipient = Recipient,
        FaceValue = TicketEv.MaxWinProb, // the largest uint256
        WinProb = BigInteger.Pow(2, 200) + 12_345,
        RecipientRandHash = Hash32.FromBytes(Keccak256.Hash("recipientRand"u8)),
        Seed = BigInteger.Parse("98765432109876543210987654321", System.Globalization.CultureInfo.InvariantCulture),
        ExpirationBlock = 123_456_789,
        PricePerPixel = new PriceInfo(1_200, 7),
        ExpirationParams = new TicketExpirationParams(3_001, Hash32.FromBytes(Keccak256.Hash("round 3001"u8))),
    };

    /// <summary>Checks the serializer (as the declared type and as <c>object</c>) and the copier.</summary>
    private static void AssertRoundTrips<T>(T value, Action<T, T> assertEqual)
    {
        assertEqual(value, OrleansSerialization.RoundTrip(value));
        assertEqual(value, OrleansSerialization.Copy(value));
        assertEqual(value, (T)OrleansSerialization.RoundTrip<object>(value!)); // as a field of unknown type
    }

    private static void AssertRoundTrips<T>(T value) => AssertRoundTrips(value, (expected, actual) => Assert.Equal(expected, actual));

    [Fact]
    public void EthAddress_round_trips()
    {
        AssertRoundTrips(Recipient);
        AssertRoundTrips(EthAddress.Zero);
        AssertRoundTrips(SenderKey.Address);
    }

    [Fact]
    public void Hash32_round_trips()
    {
        AssertRoundTrips(Params.RecipientRandHash);
        AssertRoundTrips(Hash32.Zero);
    }

    [Fact]
    public void PriceInfo_round_trips_in_lowest_terms()
    {
        AssertRoundTrips(new PriceInfo(1_200, 7));
        AssertRoundTrips(PriceInfo.Free);
        AssertRoundTrips(new PriceInfo(long.MaxValue, 1));

        var reduced = OrleansSerialization.RoundTrip(new PriceInfo(6, 4));
        Assert.Equal((3L, 2L), (reduced.PricePerUnit, reduced.PixelsPerUnit));
    }

    [Fact]
    public void TicketExpirationParams_round_trip()
    {
        AssertRoundTrips(Params.ExpirationParams);
        AssertRoundTrips(TicketExpirationParams.Empty);
    }

    [Fact]
    public void TicketParams_round_trip_with_uint256_values()
    {
        AssertRoundTrips(Params);
        AssertRoundTrips(Params with { FaceValue = 0, WinProb = 0, Seed = 0, PricePerPixel = PriceInfo.Free, ExpirationParams = TicketExpirationParams.Empty });
    }

    [Fact]
    public void TicketSenderParams_round_trip()
    {
        var sig = SenderKey.SignPersonal(Params.RecipientRandHash.Span);
        AssertRoundTrips(new TicketSenderParams(uint.MaxValue, sig), AssertSenderParamsEqual);
    }

    [Fact]
    public void TicketBatch_round_trips_with_several_sender_params()
    {
        var expirationParams = new TicketExpirationParams(3_000, Hash32.FromBytes(Keccak256.Hash("round 3000"u8)));
        var senderParams = Enumerable.Range(1, 3)
            .Select(nonce => Ticket.Create(Params, expirationParams, SenderKey.Address, (uint)nonce))
            .Select(ticket => new TicketSenderParams(ticket.SenderNonce, SenderKey.SignPersonal(ticket.Hash().Span)))
            .ToList();
        var batch = new TicketBatch(Params, expirationParams, SenderKey.Address, senderParams);

        AssertRoundTrips(batch, AssertBatchEqual);

        // The decoded batch still makes the very tickets that were signed.
        var decoded = OrleansSerialization.RoundTrip(batch);
        Assert.Equal(batch.Tickets(), decoded.Tickets());
        Assert.All(decoded.Tickets().Zip(decoded.SenderParams), pair =>
            Assert.Equal(SignatureCheck.Valid, EthSignature.VerifyPersonal(pair.First.Hash().Span, pair.Second.Sig, SenderKey.Address)));
    }

    [Fact]
    public void A_ticket_batch_result_carries_either_a_batch_or_an_error()
    {
        var batch = new TicketBatch(Params, Params.ExpirationParams, SenderKey.Address, [new TicketSenderParams(1, [1, 2, 3])]);
        AssertRoundTrips(new TicketBatchResult(batch, null), (expected, actual) =>
        {
            Assert.Null(actual.Error);
            AssertBatchEqual(expected.Batch!, actual.Batch!);
        });

        AssertRoundTrips(new TicketBatchResult(null, new PaymentError(PaymentErrorCode.TicketEVTooHigh, "ticket EV too high")));
    }

    [Fact]
    public void SenderInfo_round_trips()
    {
        AssertRoundTrips(new SenderInfo(Deposit: BigInteger.Pow(10, 30), Reserve: BigInteger.Pow(10, 18) + 1, WithdrawRound: 4_242));
        AssertRoundTrips(new SenderInfo(0, 0, 0));
    }

    [Fact]
    public void PaymentError_round_trips_with_code_message_and_fatality()
    {
        AssertRoundTrips(new PaymentError(PaymentErrorCode.InvalidRecipientRand, "invalid recipientRand for ticket recipientRandHash", IsFatal: true));
        AssertRoundTrips(new PaymentError(PaymentErrorCode.InvalidTicketSignature, "invalid ticket signature"));
        AssertRoundTrips(new PaymentError(PaymentErrorCode.SenderNonceExhausted, "naïve 🎥 text"));
    }

    [Fact]
    public void BigRational_round_trips_exactly()
    {
        AssertRoundTrips(new BigRational(-5, 2));
        AssertRoundTrips(new BigRational(8_000_000_000, 1) + new BigRational(1, TicketEv.MaxWinProb));
        AssertRoundTrips(BigRational.Zero);
        AssertRoundTrips(default(BigRational));

        var decoded = OrleansSerialization.RoundTrip(new BigRational(7, 3));
        Assert.Equal((new BigInteger(7), new BigInteger(3)), (decoded.Numerator, decoded.Denominator));
    }

    private static void AssertSenderParamsEqual(TicketSenderParams expected, TicketSenderParams actual)
    {
        Assert.Equal(expected.SenderNonce, actual.SenderNonce);
        Assert.Equal(expected.Sig, actual.Sig);
    }

    private static void AssertBatchEqual(TicketBatch expected, TicketBatch actual)
    {
        Assert.Equal(expected.TicketParams, actual.TicketParams);
        Assert.Equal(expected.ExpirationParams, actual.ExpirationParams);
        Assert.Equal(expected.Sender, actual.Sender);
        Assert.Equal(expected.SenderParams.Count, actual.SenderParams.Count);
        foreach (var (e, a) in expected.SenderParams.Zip(actual.SenderParams))
        {
            AssertSenderParamsEqual(e, a);
        }
    }
}
