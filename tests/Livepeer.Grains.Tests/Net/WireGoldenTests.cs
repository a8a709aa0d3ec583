using Google.Protobuf;
using Livepeer.Net;

namespace Livepeer.Grains.Tests.Net;

/// <summary>
/// Hand-built protobuf bytes with the field numbers and wire types of go-livepeer's lp_rpc.proto (see shared spec:
/// network.md §10.2): each decodes into the field the spec names, and our encoding of it is those same bytes.
/// </summary>
public sealed class WireGoldenTests
{
    private static readonly byte[] Recipient = [.. Enumerable.Range(1, 20).Select(i => (byte)i)];
    private static readonly byte[] RandHash = [.. Enumerable.Repeat((byte)0xab, 32)];
    private static readonly byte[] BlockHash = [.. Enumerable.Repeat((byte)0xcd, 32)];

    // TicketParams: recipient=1, face_value=2, win_prob=3, recipient_rand_hash=4, seed=5, expiration_block=6 (bytes),
    // expiration_params=7 {creation_round=1 int64, creation_round_block_hash=2 bytes}.
    private static readonly byte[] TicketParamsBytes =
    [
        0x0a, 20, .. Recipient,
        0x12, 2, 0x03, 0xe8,               // face value 1000, big-endian minimal
        0x1a, 1, 0x07,                     // win prob 7
        0x22, 32, .. RandHash,
        0x2a, 1, 0x05,                     // seed 5
        0x32, 2, 0x01, 0x00,               // expiration block 256
        0x3a, 36, 0x08, 42, 0x12, 32, .. BlockHash,
    ];

    [Fact]
    public void TicketParams_decode_with_the_spec_field_numbers()
    {
        var decoded = TicketParams.Parser.ParseFrom(TicketParamsBytes);

        Assert.Equal(Recipient, decoded.Recipient.ToByteArray());
        Assert.Equal([0x03, 0xe8], decoded.FaceValue.ToByteArray());
        Assert.Equal([0x07], decoded.WinProb.ToByteArray());
        Assert.Equal(RandHash, decoded.RecipientRandHash.ToByteArray());
        Assert.Equal([0x05], decoded.Seed.ToByteArray());
        Assert.Equal([0x01, 0x00], decoded.ExpirationBlock.ToByteArray());
        Assert.Equal(42, decoded.ExpirationParams.CreationRound);
        Assert.Equal(BlockHash, decoded.ExpirationParams.CreationRoundBlockHash.ToByteArray());
        Assert.Equal(TicketParamsBytes, decoded.ToByteArray());
    }

    [Fact]
    public void Payment_decodes_with_the_spec_field_numbers()
    {
        byte[] sig = [.. Enumerable.Repeat((byte)0x11, 65)];
        byte[] bytes =
        [
            0x0a, (byte)TicketParamsBytes.Length, .. TicketParamsBytes,
            0x12, 20, .. Recipient,                                    // sender = 2
            0x1a, 2, 0x08, 9,                                          // expiration_params = 3 {creation_round 9}
            0x22, 70, 0x08, 0x83, 0x01, 0x12, 65, .. sig,              // ticket_sender_params = 4 {nonce 131, sig}
            0x2a, 4, 0x08, 0x03, 0x10, 0x07,                           // expected_price = 5 {3 wei / 7 pixels}
        ];

        var payment = Payment.Parser.ParseFrom(bytes);

        Assert.Equal(Recipient, payment.TicketParams.Recipient.ToByteArray());
        Assert.Equal(Recipient, payment.Sender.ToByteArray());
        Assert.Equal(9, payment.ExpirationParams.CreationRound);
        Assert.Equal(131u, Assert.Single(payment.TicketSenderParams).SenderNonce);
        Assert.Equal(sig, payment.TicketSenderParams[0].Sig.ToByteArray());
        Assert.Equal(3, payment.ExpectedPrice.PricePerUnit);
        Assert.Equal(7, payment.ExpectedPrice.PixelsPerUnit);
        Assert.Equal(bytes, payment.ToByteArray());
    }

    [Fact]
    public void OrchestratorInfo_decodes_with_the_spec_field_numbers_including_the_high_ones()
    {
        byte[] bytes =
        [
            0x0a, 4, .. "o:1"u8, (byte)'0',                            // transcoder = 1
            0x1a, 4, 0x08, 0x01, 0x10, 0x02,                           // price_info = 3 {1, 2}
            0x22, 20, .. Recipient,                                    // address = 4
            0x32, 16, 0x0a, 2, 0xaa, 0xbb, 0x12, 8, .. "0011aabb"u8, 0x18, 0x64, // auth_token = 6 {token, session_id, expiration 100}
            0x82, 0x02, 2, 0x08, 0x01,                                 // storage = 32 {S3}
            0x8a, 0x02, 4, 0x08, 0x05, 0x18, 27,                       // capabilities_prices = 33 {5 wei, capability 27}
            0x92, 0x02, 1, (byte)'n',                                  // nodes = 34
        ];

        var info = OrchestratorInfo.Parser.ParseFrom(bytes);

        Assert.Equal("o:10", info.Transcoder);
        Assert.Equal(2, info.PriceInfo.PixelsPerUnit);
        Assert.Equal(Recipient, info.Address.ToByteArray());
        Assert.Equal("0011aabb", info.AuthToken.SessionId);
        Assert.Equal(100, info.AuthToken.Expiration);
        Assert.Equal(OSInfo.Types.StorageType.S3, Assert.Single(info.Storage).StorageType);
        Assert.Equal(27u, Assert.Single(info.CapabilitiesPrices).Capability);
        Assert.Equal("n", Assert.Single(info.Nodes));
        Assert.Equal(bytes, info.ToByteArray());
    }

    [Fact]
    public void SegData_decodes_with_the_spec_field_numbers()
    {
        byte[] bytes =
        [
            0x0a, 3, .. "abc"u8,                                       // manifestId = 1
            0x10, 7,                                                   // seq = 2
            0x1a, 32, .. RandHash,                                     // hash = 3
            0x22, 7, .. "invalid"u8,                                   // profiles = 4
            0x30, 0xd0, 0x0f,                                          // duration = 6: 2000 ms
            0x42, 4, 0x12, 2, .. "id"u8,                               // auth_token = 8 {session_id}
            0x50, 0x01,                                                // calc_perceptual_hash = 10
            0x8a, 0x02, 12, 0x82, 0x01, 2, .. "p1"u8, 0x88, 0x01, 0x80, 0x05, 0x90, 0x01, 0x68, // fullProfiles = 33 {name=16 "p1", width=17 640, height=18 104}
            0xaa, 0x02, 4, 0x08, 0x01, 0x10, 0x02,                     // segment_parameters = 37 {from 1, to 2}
            0xb0, 0x02, 0x01,                                          // ForceSessionReinit = 38
        ];

        var seg = SegData.Parser.ParseFrom(bytes);

        Assert.Equal("abc", seg.ManifestId.ToStringUtf8());
        Assert.Equal(7, seg.Seq);
        Assert.Equal(RandHash, seg.Hash.ToByteArray());
        Assert.Equal("invalid", seg.Profiles.ToStringUtf8());
        Assert.Equal(2000, seg.Duration);
        Assert.Equal("id", seg.AuthToken.SessionId);
        Assert.True(seg.CalcPerceptualHash);
        var profile = Assert.Single(seg.FullProfiles);
        Assert.Equal(("p1", 640, 104), (profile.Name, profile.Width, profile.Height));
        Assert.Equal(2ul, seg.SegmentParameters.To);
        Assert.True(seg.ForceSessionReinit);
        Assert.Equal(bytes, seg.ToByteArray());
    }

    [Fact]
    public void TranscodeResult_carries_error_or_data_and_info_at_16()
    {
        byte[] error = [0x08, 0x05, 0x12, 4, .. "oops"u8, 0x82, 0x01, 2, 0x0a, 0x00];
        byte[] data = [0x08, 0x05, 0x1a, 9, 0x0a, 5, 0x0a, 1, (byte)'u', 0x10, 0x09, 0x12, 0x00, 0x82, 0x01, 0x00];

        var failed = TranscodeResult.Parser.ParseFrom(error);
        var done = TranscodeResult.Parser.ParseFrom(data);

        Assert.Equal(TranscodeResult.ResultOneofCase.Error, failed.ResultCase);
        Assert.Equal("oops", failed.Error);
        Assert.NotNull(failed.Info);
        Assert.Equal(TranscodeResult.ResultOneofCase.Data, done.ResultCase);
        Assert.Equal(("u", 9L), (done.Data.Segments[0].Url, done.Data.Segments[0].Pixels));
        Assert.NotNull(done.Info);
    }

    [Fact]
    public void Service_method_paths_are_livepeers()
    {
        Assert.Equal("net.Orchestrator", Livepeer.Net.Orchestrator.Descriptor.FullName);
        Assert.Equal(["GetOrchestrator", "EndTranscodingSession", "Ping"], Livepeer.Net.Orchestrator.Descriptor.Methods.Select(m => m.Name));
        Assert.Equal("net.TicketRedeemer", TicketRedeemer.Descriptor.FullName);
    }

    [Fact]
    public void Zero_big_integers_encode_as_empty_bytes()
    {
        var wire = WireConvert.ToWire(new Livepeer.Payments.TicketParams
        {
            Recipient = Livepeer.Crypto.EthAddress.FromBytes(Recipient),
            FaceValue = 0,
            WinProb = 0,
            RecipientRandHash = Livepeer.Crypto.Hash32.FromBytes(RandHash),
            Seed = 0,
            ExpirationBlock = 0,
            PricePerPixel = Livepeer.Payments.PriceInfo.Free,
            ExpirationParams = Livepeer.Payments.TicketExpirationParams.Empty,
        });

        Assert.True(wire.FaceValue.IsEmpty && wire.WinProb.IsEmpty && wire.Seed.IsEmpty && wire.ExpirationBlock.IsEmpty);
        Assert.Equal([0x0a, 20, .. Recipient, 0x22, 32, .. RandHash, 0x3a, 34, 0x12, 32, .. new byte[32]], wire.ToByteArray());
    }
}
