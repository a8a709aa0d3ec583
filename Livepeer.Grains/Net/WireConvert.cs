using Google.Protobuf;
using Livepeer.Crypto;
using Livepeer.Payments;
using Livepeer.Transcoding;

namespace Livepeer.Net;

/// <summary>
/// Our payment and profile types to and from the wire messages, with go-livepeer's encodings (see shared spec:
/// network.md §10.4): big integers as Go's <c>big.Int.Bytes()</c>, addresses as 20 raw bytes, hashes as 32.
/// Decoding throws <see cref="WireFormatException"/> with the field at fault; the handlers map it to a status code.
/// </summary>
public static class WireConvert
{
    public static PriceInfo ToWire(Payments.PriceInfo price) =>
        new() { PricePerUnit = price.PricePerUnit, PixelsPerUnit = price.PixelsPerUnit };

    public static Payments.PriceInfo FromWire(PriceInfo? price)
    {
        if (price is null)
            throw new WireFormatException("missing price info");
        if (price.PricePerUnit < 0 || price.PixelsPerUnit <= 0)
            throw new WireFormatException($"invalid price {price.PricePerUnit}/{price.PixelsPerUnit}");
        return new Payments.PriceInfo(price.PricePerUnit, price.PixelsPerUnit);
    }

    public static TicketExpirationParams ToWire(Payments.TicketExpirationParams expiration) => new()
    {
        CreationRound = expiration.CreationRound,
        CreationRoundBlockHash = ByteString.CopyFrom(expiration.CreationRoundBlockHash.Span),
    };

    public static Payments.TicketExpirationParams FromWire(TicketExpirationParams? expiration)
    {
        if (expiration is null)
            return Payments.TicketExpirationParams.Empty;
        if (expiration.CreationRound < 0)
            throw new WireFormatException("negative creation round");
        return new Payments.TicketExpirationParams(expiration.CreationRound, Hash(expiration.CreationRoundBlockHash, "creation round block hash"));
    }

    /// <summary>Ticket params as O sends them in <c>OrchestratorInfo</c>, expiration params included.</summary>
    public static TicketParams ToWire(Payments.TicketParams ticketParams)
    {
        var wire = ToWireWithoutExpiration(ticketParams);
        wire.ExpirationParams = ToWire(ticketParams.ExpirationParams);
        return wire;
    }

    public static Payments.TicketParams FromWire(TicketParams? wire, Payments.PriceInfo price, TicketExpirationParams? expiration = null)
    {
        if (wire is null)
            throw new WireFormatException("missing ticket params");
        try
        {
            return new Payments.TicketParams
            {
                Recipient = Address(wire.Recipient, "ticket recipient"),
                FaceValue = BigIntegerEncoding.FromUnsigned(wire.FaceValue.Span),
                WinProb = BigIntegerEncoding.FromUnsigned(wire.WinProb.Span),
                RecipientRandHash = Hash(wire.RecipientRandHash, "recipient rand hash"),
                Seed = BigIntegerEncoding.FromUnsigned(wire.Seed.Span),
                ExpirationBlock = (long)BigIntegerEncoding.FromUnsigned(wire.ExpirationBlock.Span),
                PricePerPixel = price,
                ExpirationParams = FromWire(expiration ?? wire.ExpirationParams),
            };
        }
        catch (Exception e) when (e is ArgumentException or OverflowException)
        {
            throw new WireFormatException($"invalid ticket params: {e.Message}");
        }
    }

    /// <summary>go-livepeer's <c>genPayment</c>: the params travel without expiration params, which go in field 3.</summary>
    public static Payment ToWire(TicketBatch batch, Payments.PriceInfo expectedPrice)
    {
        var payment = new Payment
        {
            TicketParams = ToWireWithoutExpiration(batch.TicketParams),
            Sender = ByteString.CopyFrom(batch.Sender.Span),
            ExpirationParams = ToWire(batch.ExpirationParams),
            ExpectedPrice = ToWire(expectedPrice),
        };
        foreach (var p in batch.SenderParams)
            payment.TicketSenderParams.Add(new TicketSenderParams { SenderNonce = p.SenderNonce, Sig = ByteString.CopyFrom(p.Sig) });
        return payment;
    }

    /// <summary>A payment's tickets, or null for a payment that carries none (credit already covers the segment).</summary>
    public static TicketBatch? FromWire(Payment payment)
    {
        if (payment.TicketSenderParams.Count == 0)
            return null;
        var expected = FromWire(payment.ExpectedPrice);
        var ticketParams = FromWire(payment.TicketParams, expected, payment.ExpirationParams);
        return new TicketBatch(ticketParams, ticketParams.ExpirationParams, Address(payment.Sender, "payment sender"),
            [.. payment.TicketSenderParams.Select(p => new Payments.TicketSenderParams(p.SenderNonce, p.Sig.ToByteArray()))]);
    }

    /// <summary>A ladder rung as go-livepeer's <c>VideoProfile</c> message; GOP in ms, -1 for intra-only.</summary>
    public static VideoProfile ToWire(Transcoding.VideoProfile profile, SegmentFormat format) => new()
    {
        Name = profile.Name,
        Width = profile.Width,
        Height = profile.Height,
        Bitrate = profile.Bitrate,
        Fps = (uint)profile.Fps,
        FpsDen = (uint)profile.FpsDen,
        Format = format == SegmentFormat.Mp4 ? VideoProfile.Types.Format.Mp4 : VideoProfile.Types.Format.Mpegts,
        Profile = profile.Profile switch
        {
            EncoderProfile.H264Baseline => VideoProfile.Types.Profile.H264Baseline,
            EncoderProfile.H264Main => VideoProfile.Types.Profile.H264Main,
            EncoderProfile.H264High => VideoProfile.Types.Profile.H264High,
            EncoderProfile.H264ConstrainedHigh => VideoProfile.Types.Profile.H264ConstrainedHigh,
            _ => VideoProfile.Types.Profile.EncoderDefault,
        },
        Gop = profile.GopSeconds switch
        {
            null => 0,
            0 => -1,
            var seconds => (int)Math.Round(seconds.Value * 1000),
        },
    };

    public static Transcoding.VideoProfile FromWire(VideoProfile wire)
    {
        if (wire.Width is <= 0 or > 7680 || wire.Height is <= 0 or > 7680)
            throw new WireFormatException($"profile '{wire.Name}' has an invalid size {wire.Width}x{wire.Height}");
        if (wire.Bitrate < 0 || wire.Fps > 1000 || wire.FpsDen > 1000)
            throw new WireFormatException($"profile '{wire.Name}' has an invalid bitrate or frame rate");
        if (wire.Encoder != VideoProfile.Types.VideoCodec.H264)
            throw new WireFormatException($"profile '{wire.Name}' asks for encoder {wire.Encoder}; this orchestrator encodes H.264 only");
        return new Transcoding.VideoProfile(
            string.IsNullOrEmpty(wire.Name) ? $"custom_{wire.Width}x{wire.Height}_{wire.Bitrate}" : wire.Name,
            wire.Width,
            wire.Height,
            wire.Bitrate,
            (int)wire.Fps,
            wire.FpsDen == 0 ? 1 : (int)wire.FpsDen,
            wire.Profile switch
            {
                VideoProfile.Types.Profile.H264Baseline => EncoderProfile.H264Baseline,
                VideoProfile.Types.Profile.H264Main => EncoderProfile.H264Main,
                VideoProfile.Types.Profile.H264High => EncoderProfile.H264High,
                VideoProfile.Types.Profile.H264ConstrainedHigh => EncoderProfile.H264ConstrainedHigh,
                _ => EncoderProfile.None,
            },
            wire.Gop switch
            {
                0 => null,
                < 0 => 0,
                var ms => ms / 1000.0,
            });
    }

    public static EthAddress Address(ByteString bytes, string field) =>
        bytes.Length == EthAddress.Length ? EthAddress.FromBytes(bytes.Span) : throw new WireFormatException($"{field} is {bytes.Length} bytes, not {EthAddress.Length}");

    private static Hash32 Hash(ByteString bytes, string field) =>
        bytes.Length == 0 ? Hash32.Zero
        : bytes.Length == Hash32.Length ? Hash32.FromBytes(bytes.Span)
        : throw new WireFormatException($"{field} is {bytes.Length} bytes, not {Hash32.Length}");

    private static TicketParams ToWireWithoutExpiration(Payments.TicketParams ticketParams) => new()
    {
        Recipient = ByteString.CopyFrom(ticketParams.Recipient.Span),
        FaceValue = ByteString.CopyFrom(BigIntegerEncoding.ToMinimalBytes(ticketParams.FaceValue)),
        WinProb = ByteString.CopyFrom(BigIntegerEncoding.ToMinimalBytes(ticketParams.WinProb)),
        RecipientRandHash = ByteString.CopyFrom(ticketParams.RecipientRandHash.Span),
        Seed = ByteString.CopyFrom(BigIntegerEncoding.ToMinimalBytes(ticketParams.Seed)),
        ExpirationBlock = ByteString.CopyFrom(BigIntegerEncoding.ToMinimalBytes(ticketParams.ExpirationBlock)),
    };
}

/// <summary>A wire message that decodes but breaks a rule of the protocol; the text names the field.</summary>
public sealed class WireFormatException(string message) : Exception(message);
