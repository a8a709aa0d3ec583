using System.Text;
using Google.Protobuf;
using Livepeer.Crypto;
using Livepeer.Net;
using Livepeer.Orchestrator;
using Livepeer.Transcoding;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Grains.Tests.Net;

public sealed class WireRulesTests
{
    [Theory]
    [InlineData("P720p60fps16x9", "a7ac137a")]
    [InlineData("P720p30fps16x9", "49d54ea9")]
    [InlineData("P360p30fps16x9", "93c717e7")]
    public void Segment_message_ends_with_the_spec_profile_ids(string profile, string id)
    {
        var message = WireSignatures.SegmentMessage("m"u8, 1, new byte[32], [profile]);

        Assert.Equal(1 + 32 + 32 + 8, message.Length);
        Assert.Equal(id, Encoding.ASCII.GetString(message[^8..]));
        Assert.Equal(1, message[1 + 31]);
    }

    [Fact]
    public void Orchestrator_request_signs_the_checksummed_address()
    {
        var key = EthKey.Generate();
        var message = WireSignatures.OrchestratorRequestMessage(key.Address);

        Assert.Equal(key.Address.ToString(), Encoding.ASCII.GetString(message));
        Assert.Equal(SignatureCheck.Valid, EthSignature.VerifyPersonalKeccak(message, key.SignPersonalKeccak(message), key.Address));
    }

    [Fact]
    public void Auth_tokens_check_out_until_they_expire_and_only_at_their_issuer()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var tokens = new AuthTokens(time);
        var token = tokens.Issue();

        Assert.Equal(8, token.SessionId.Length);
        Assert.Equal(time.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds(), token.Expiration);
        Assert.Null(tokens.Check(token));
        Assert.Equal("invalid auth token", new AuthTokens(time).Check(token));
        Assert.Equal("invalid auth token", tokens.Check(new AuthToken(token) { Expiration = token.Expiration + 60 }));
        Assert.Equal("missing auth token", tokens.Check(null));
        time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal("expired auth token", tokens.Check(token));
    }

    [Fact]
    public void Jobs_are_compatible_with_our_orchestrator_and_not_with_a_legacy_one()
    {
        var job = CapabilitySet.Job(VideoProfiles.BenchmarkLadder, SegmentFormat.MpegTs);

        Assert.True(CapabilitySet.IsCompatible(CapabilitySet.Orchestrator(), job));
        Assert.False(CapabilitySet.IsCompatible(null, job));
        // A gateway that does not send AuthToken misses the orchestrator's mandatory capability.
        Assert.False(CapabilitySet.IsCompatible(CapabilitySet.Orchestrator(), new Capabilities { Bitstring = { 1UL } }));
    }

    [Fact]
    public void An_orchestrator_selling_only_mpegts_takes_mpegts_jobs_and_not_mp4_ones()
    {
        var tsOnly = CapabilitySet.Orchestrator(CapabilitySet.ParseFormats("mpegts"));

        Assert.True(CapabilitySet.IsCompatible(tsOnly, CapabilitySet.Job(VideoProfiles.BenchmarkLadder, SegmentFormat.MpegTs)));
        Assert.False(CapabilitySet.IsCompatible(tsOnly, CapabilitySet.Job(VideoProfiles.BenchmarkLadder, SegmentFormat.Mp4)));
        Assert.Equal(CapabilitySet.Orchestrator(), CapabilitySet.Orchestrator(CapabilitySet.ParseFormats(" MP4 , ts ")));
        Assert.Contains("'mkv'", Assert.Throws<ArgumentException>(() => CapabilitySet.ParseFormats("mpegts,mkv")).Message);
        Assert.Throws<ArgumentException>(() => CapabilitySet.ParseFormats(" , "));
    }

    [Fact]
    public void Video_profiles_round_trip_through_the_wire()
    {
        foreach (var profile in VideoProfiles.BenchmarkLadder)
            Assert.Equal(profile, WireConvert.FromWire(WireConvert.ToWire(profile, SegmentFormat.MpegTs)));
    }

    [Fact]
    public void Payment_round_trips_a_ticket_batch()
    {
        var key = EthKey.Generate();
        var ticketParams = new Livepeer.Payments.TicketParams
        {
            Recipient = key.Address,
            FaceValue = 123456789,
            WinProb = 42,
            RecipientRandHash = Hash32.FromBytes(Keccak256.Hash("x"u8)),
            Seed = 99,
            ExpirationBlock = 1000,
            PricePerPixel = new Livepeer.Payments.PriceInfo(3, 7),
            ExpirationParams = new Livepeer.Payments.TicketExpirationParams(5, Hash32.FromBytes(Keccak256.Hash("b"u8))),
        };
        var batch = new Livepeer.Payments.TicketBatch(ticketParams, ticketParams.ExpirationParams, key.Address, [new(1, new byte[65]), new(2, new byte[65])]);

        var wire = WireConvert.ToWire(batch, ticketParams.PricePerPixel);
        var back = WireConvert.FromWire(Payment.Parser.ParseFrom(wire.ToByteArray()))!;

        Assert.Null(wire.TicketParams.ExpirationParams);
        Assert.Equal(ticketParams, back.TicketParams);
        Assert.Equal(batch.Sender, back.Sender);
        Assert.Equal([1u, 2u], back.SenderParams.Select(p => p.SenderNonce));
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[0])]
    public void Malformed_ticket_params_are_wire_format_errors(byte[] recipient)
    {
        var payment = new Payment
        {
            TicketParams = new TicketParams { Recipient = ByteString.CopyFrom(recipient) },
            ExpectedPrice = new PriceInfo { PricePerUnit = 1, PixelsPerUnit = 1 },
            TicketSenderParams = { new TicketSenderParams() },
        };

        Assert.Throws<WireFormatException>(() => WireConvert.FromWire(payment));
    }

    [Fact]
    public void Session_capacity_caps_new_sessions_and_busies_a_full_queue()
    {
        var time = new FakeTimeProvider();
        var capacity = new SessionCapacity(2, time);

        Assert.Equal(Admission.Admitted, capacity.TryEnter("a"));
        Assert.Equal(Admission.Admitted, capacity.TryEnter("b"));
        Assert.False(capacity.HasRoomForNewSession());
        Assert.Equal(Admission.Capped, capacity.TryEnter("c"));
        for (var i = 0; i < SessionCapacity.QueueLength; i++)
            Assert.Equal(Admission.Admitted, capacity.TryEnter("a"));
        Assert.Equal(Admission.Busy, capacity.TryEnter("a"));

        capacity.Leave("b");
        time.Advance(SessionCapacity.IdleTimeout);
        Assert.True(capacity.HasRoomForNewSession());
        Assert.Equal(Admission.Admitted, capacity.TryEnter("c"));
    }

    [Theory]
    [InlineData("/tmp/x: Invalid data found when processing input", true)]
    [InlineData("resolution 8200x64 exceeds 8192x8192", true)]
    [InlineData("transcode timed out", false)]
    [InlineData("OrchestratorBusy", false)]
    public void Non_retryable_errors_are_those_of_the_segment(string error, bool nonRetryable) =>
        Assert.Equal(nonRetryable, NonRetryableErrors.IsNonRetryable(error));
}
