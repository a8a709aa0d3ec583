using System.Security.Cryptography;
using Google.Protobuf;
using Livepeer.Crypto;
using Livepeer.Net;
using Livepeer.Orchestrator;
using Livepeer.Transcoding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Livepeer.GatewayApi.Apis;

/// <summary>
/// go-livepeer's <c>POST /segment</c> on the orchestrator's service port (<c>server/segment_rpc.go</c> <c>ServeSegment</c>;
/// see shared spec: network.md §11.3), with its checks in its order and its status codes, and the renditions it
/// returns as URLs into the orchestrator's storage (<c>GET /renditions/{id}</c>).
/// </summary>
public static class SegmentApi
{
    public const string SegmentHeader = "Livepeer-Segment";
    public const string PaymentHeader = "Livepeer-Payment";

    /// <summary>go-livepeer's <c>MaxSegSize</c>: 300 s at 1 MB/s.</summary>
    public const long MaxSegmentBytes = LiveIngestApi.MaxSegmentBytes;

    public static IEndpointRouteBuilder MapSegmentApi(this IEndpointRouteBuilder endpoints, string host)
    {
        endpoints.MapPost("/segment", ServeSegment).RequireHost(host);
        endpoints.MapGet("/renditions/{id}", GetRendition).RequireHost(host);
        return endpoints;
    }

    private static IResult GetRendition(string id, RenditionStore store) =>
        store.Get(id) is { } data ? Results.Bytes(data, "video/mp2t") : Results.NotFound();

    private static async Task ServeSegment(HttpContext context, OrchestratorWire orchestrator, RenditionStore store, ILoggerFactory loggers)
    {
        var request = context.Request;
        var response = context.Response;

        // 1. Payment header.
        if (!TryParse(request.Headers[PaymentHeader], Payment.Parser, out var payment, out var paymentError))
        {
            await Refuse(response, StatusCodes.Status402PaymentRequired, $"Could not parse payment: {paymentError}");
            return;
        }
        Payments.TicketBatch? batch;
        EthAddress sender;
        Payments.PriceInfo expectedPrice;
        try
        {
            batch = WireConvert.FromWire(payment);
            sender = payment.Sender.IsEmpty ? EthAddress.Zero : WireConvert.Address(payment.Sender, "payment sender");
            expectedPrice = payment.ExpectedPrice is null ? Payments.PriceInfo.Free : WireConvert.FromWire(payment.ExpectedPrice);
        }
        catch (WireFormatException e)
        {
            await Refuse(response, StatusCodes.Status402PaymentRequired, $"Could not parse payment: {e.Message}");
            return;
        }

        // 2. Segment credentials.
        if (!TryParse(request.Headers[SegmentHeader], SegData.Parser, out var segData, out var segError))
        {
            await Refuse(response, StatusCodes.Status403Forbidden, $"Segment credentials invalid: {segError}");
            return;
        }
        if (CheckCredentials(segData, sender, orchestrator) is { } credentialsError)
        {
            await Refuse(response, StatusCodes.Status403Forbidden, credentialsError);
            return;
        }
        if (!TryReadProfiles(segData, out var profiles, out var format, out var profileError))
        {
            await Refuse(response, StatusCodes.Status403Forbidden, profileError);
            return;
        }
        var manifestId = System.Text.Encoding.UTF8.GetString(segData.ManifestId.Span);
        var sessionId = segData.AuthToken.SessionId;

        // 3-5. Capacity, payment and balance, in the orchestrator grain.
        var admission = await orchestrator.Grain.AdmitSegment(new SegmentPayment(sessionId, manifestId, sender, batch, expectedPrice));
        switch (admission.Status)
        {
            case SegmentAdmissionStatus.Capped or SegmentAdmissionStatus.Busy:
                await Refuse(response, StatusCodes.Status403Forbidden, admission.Reason!);
                return;
            case SegmentAdmissionStatus.PaymentRejected or SegmentAdmissionStatus.InsufficientBalance:
                await Refuse(response, StatusCodes.Status400BadRequest, admission.Reason!);
                return;
        }

        // 6-7. Body, then its hash against the signed credentials.
        var body = await LiveIngestApi.ReadBodyAsync(request);
        if (body is null || Keccak256.Hash(body).AsSpan().SequenceEqual(segData.Hash.Span) is false)
        {
            await orchestrator.Grain.AbandonSegment(sessionId);
            if (body is null)
                await Refuse(response, StatusCodes.Status413PayloadTooLarge, $"segment larger than {MaxSegmentBytes} bytes");
            else
                await Refuse(response, StatusCodes.Status403Forbidden, "Forbidden: segment hash does not match its credentials");
            return;
        }

        // 8. 200 and flush: from here on errors travel in the TranscodeResult.
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/x-protobuf";
        await response.Body.FlushAsync(context.RequestAborted);

        // 9-10. Transcode, store, sign, and answer with fresh params.
        var segment = new SourceSegment(manifestId, segData.Seq, format, TimeSpan.FromMilliseconds(segData.Duration), body);
        var outcome = await orchestrator.Grain.TranscodeSegment(new SegmentWork(sessionId, segment, profiles, sender, expectedPrice));
        var result = new TranscodeResult { Seq = segData.Seq };
        if (outcome.Segment is { } transcoded)
        {
            var data = new TranscodeData
            {
                Sig = ByteString.CopyFrom(orchestrator.Key.SignPersonalKeccak(WireSignatures.TranscodeResultMessage(transcoded.Renditions.Select(r => r.Data)))),
            };
            foreach (var rendition in transcoded.Renditions)
            {
                var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + (format == SegmentFormat.Mp4 ? ".mp4" : ".ts");
                store.Put(id, rendition.Data);
                data.Segments.Add(new TranscodedSegmentData { Url = new Uri(orchestrator.ServiceUri, $"/renditions/{id}").ToString(), Pixels = rendition.Pixels });
            }
            result.Data = data;
        }
        else
        {
            result.Error = outcome.Error?.Message ?? "transcode failed";
        }
        var (info, infoError, _) = await orchestrator.InfoAsync(sender, segData.AuthToken, segData.Capabilities);
        if (info is not null)
            result.Info = info;
        else
            loggers.CreateLogger(typeof(SegmentApi)).LogWarning("No fresh ticket params for {Sender}: {Error}", sender, infoError);
        await response.Body.WriteAsync(result.ToByteArray(), context.RequestAborted);
    }

    /// <summary>go-livepeer's <c>verifySegCreds</c>: signature by the payment's sender, compatible capabilities, a valid auth token.</summary>
    private static string? CheckCredentials(SegData segData, EthAddress sender, OrchestratorWire orchestrator)
    {
        if (segData.Seq < 0)
            return "Segment credentials invalid: negative sequence number";
        if (segData.Hash.Length != Hash32.Length)
            return "Segment credentials invalid: hash is not 32 bytes";
        var manifestId = segData.ManifestId.ToStringUtf8();
        if (!ManifestId.IsValid(manifestId))
            return "Segment credentials invalid: bad manifest ID";
        var message = WireSignatures.SegmentMessage(segData.ManifestId.Span, segData.Seq, segData.Hash.Span, ProfilesOf(segData).Select(p => p.Name));
        var check = EthSignature.VerifyPersonalKeccak(message, segData.Sig.Span, sender);
        if (check != SignatureCheck.Valid)
            return $"Segment sig check failed: {check.Describe()}";
        if (!CapabilitySet.IsCompatible(orchestrator.Capabilities, segData.Capabilities))
            return "Capability mismatch";
        return orchestrator.Tokens.Check(segData.AuthToken);
    }

    private static IEnumerable<Net.VideoProfile> ProfilesOf(SegData segData) =>
        segData.FullProfiles.Count > 0 ? segData.FullProfiles
        : segData.FullProfiles2.Count > 0 ? segData.FullProfiles2
        : segData.FullProfiles3;

    private static bool TryReadProfiles(SegData segData, out IReadOnlyList<Transcoding.VideoProfile> profiles, out SegmentFormat format, out string error)
    {
        profiles = [];
        format = SegmentFormat.MpegTs;
        error = "";
        var wire = ProfilesOf(segData).ToList();
        if (wire.Count == 0)
        {
            error = "Segment credentials invalid: no transcoding profiles";
            return false;
        }
        if (segData.Duration is <= 0 or > 300_000)
        {
            error = $"Segment credentials invalid: duration {segData.Duration} ms";
            return false;
        }
        try
        {
            profiles = [.. wire.Select(WireConvert.FromWire)];
        }
        catch (WireFormatException e)
        {
            error = $"Segment credentials invalid: {e.Message}";
            return false;
        }
        format = wire[0].Format == Net.VideoProfile.Types.Format.Mp4 ? SegmentFormat.Mp4 : SegmentFormat.MpegTs;
        return true;
    }

    private static bool TryParse<T>(string? header, MessageParser<T> parser, out T message, out string error)
        where T : IMessage<T>
    {
        message = parser.ParseFrom(ByteString.Empty);
        error = "";
        try
        {
            message = parser.ParseFrom(Convert.FromBase64String(header ?? ""));
            return true;
        }
        catch (FormatException)
        {
            error = "invalid base64";
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"invalid protobuf: {e.Message}";
        }
        return false;
    }

    private static Task Refuse(HttpResponse response, int status, string reason)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(reason);
    }
}
