using System.Net;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Google.Protobuf;
using Grpc.Core;
using Livepeer.Crypto;
using Livepeer.Discovery;
using Livepeer.Integration.Tests.Media;
using Livepeer.Integration.Tests.Node;
using Livepeer.Net;
using Livepeer.Node;
using Livepeer.Transcoding;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Integration.Tests.Wire;

/// <summary>
/// The orchestrator's service port as a go-livepeer gateway sees it: GetOrchestrator over gRPC/TLS and <c>POST /segment</c>
/// with its headers, including every way a request can be wrong (see shared spec: network.md §4, §11.3).
/// </summary>
public sealed class SegmentEndpointTests(NodeFixture node) : IClassFixture<NodeFixture>, IDisposable
{
    private readonly OrchestratorClient _client = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } })
    {
        DefaultRequestVersion = HttpVersion.Version20,
    };

    private Uri Service => new($"https://127.0.0.1:{node.ServicePort}");

    private EthKey Gateway => node.Services.GetRequiredService<NodeKeys>().Gateway;

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task GetOrchestrator_answers_a_signed_request_with_fresh_params_a_token_and_capabilities()
    {
        var discovery = new OrchestratorDiscovery(_client, Gateway, TimeProvider.System);
        var job = CapabilitySet.Job(VideoProfiles.BenchmarkLadder, SegmentFormat.MpegTs);

        var first = await discovery.GetOrchestratorAsync(Service, job, CancellationToken.None);
        var second = await discovery.GetOrchestratorAsync(Service, job, CancellationToken.None);

        Assert.Equal(Service.ToString().TrimEnd('/'), first.Transcoder);
        Assert.Equal(node.Services.GetRequiredService<NodeKeys>().Orchestrator.Address.ToArray(), first.Address.ToByteArray());
        Assert.NotEqual(first.TicketParams.Seed, second.TicketParams.Seed);
        Assert.NotEqual(first.AuthToken.SessionId, second.AuthToken.SessionId);
        Assert.True(CapabilitySet.IsCompatible(first.Capabilities, job));
    }

    [Fact]
    public async Task GetOrchestrator_refuses_a_request_signed_by_someone_else()
    {
        var other = EthKey.Generate();
        var request = new OrchestratorRequest
        {
            Address = ByteString.CopyFrom(Gateway.Address.Span),
            Sig = ByteString.CopyFrom(other.SignPersonalKeccak(WireSignatures.OrchestratorRequestMessage(Gateway.Address))),
        };

        var e = await Assert.ThrowsAsync<OrchestratorException>(() => _client.GetOrchestratorAsync(Service, request, CancellationToken.None));

        Assert.Contains("invalid sig", e.Message);
        Assert.Equal(StatusCode.PermissionDenied, Assert.IsType<RpcException>(e.InnerException).StatusCode);
    }

    [Fact]
    public async Task Ping_is_signed_by_the_orchestrator()
    {
        var client = new Livepeer.Net.Orchestrator.OrchestratorClient(Grpc.Net.Client.GrpcChannel.ForAddress(Service, new() { HttpClient = _http }));

        var pong = await client.PingAsync(new PingPong { Value = ByteString.CopyFromUtf8("hello") });

        var orchestrator = node.Services.GetRequiredService<NodeKeys>().Orchestrator.Address;
        Assert.Equal(SignatureCheck.Valid, EthSignature.VerifyPersonalKeccak("hello"u8, pong.Value.Span, orchestrator));
    }

    [Fact]
    public async Task A_valid_segment_gets_200_and_signed_renditions_with_fresh_params()
    {
        var body = await Ffmpeg.GenerateSegmentAsync(node.Directory, 320, 180, seconds: 0.5);
        var (segData, payment) = await CredentialsAsync("wire-ok", body);

        using var response = await PostAsync(segData, payment, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = TranscodeResult.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(TranscodeResult.ResultOneofCase.Data, result.ResultCase);
        Assert.Equal(VideoProfiles.BenchmarkLadder.Count, result.Data.Segments.Count);
        var renditions = await Task.WhenAll(result.Data.Segments.Select(s => _http.GetByteArrayAsync(s.Url)));
        var orchestrator = node.Services.GetRequiredService<NodeKeys>().Orchestrator.Address;
        Assert.Equal(SignatureCheck.Valid, EthSignature.VerifyPersonalKeccak(WireSignatures.TranscodeResultMessage(renditions), result.Data.Sig.Span, orchestrator));
        Assert.Equal(segData.AuthToken, result.Info.AuthToken);
        Assert.NotEqual(payment.TicketParams.Seed, result.Info.TicketParams.Seed);
    }

    [Fact]
    public async Task Each_wrong_request_gets_go_livepeers_status_and_reason()
    {
        var body = "not checked before the credentials"u8.ToArray();
        var (segData, payment) = await CredentialsAsync("wire-bad", body);

        await ExpectAsync(HttpStatusCode.PaymentRequired, "Could not parse payment", Send("Livepeer-Segment", Base64(segData), "Livepeer-Payment", "%%%"));
        await ExpectAsync(HttpStatusCode.PaymentRequired, "Could not parse payment", Send("Livepeer-Segment", Base64(segData), "Livepeer-Payment", Convert.ToBase64String([0x0a, 0x05, 0x01])));
        await ExpectAsync(HttpStatusCode.Forbidden, "Segment credentials invalid", Send("Livepeer-Segment", "not base64!", "Livepeer-Payment", Base64(payment)));
        await ExpectAsync(HttpStatusCode.Forbidden, "Segment sig check failed", PostAsync(new SegData(segData) { Seq = 99 }, payment, body));
        var foreign = new SegData(segData) { AuthToken = new AuthToken(segData.AuthToken) { SessionId = "ffffffff" } };
        await ExpectAsync(HttpStatusCode.Forbidden, "invalid auth token", PostAsync(foreign, payment, body));
        await ExpectAsync(HttpStatusCode.Forbidden, "Capability mismatch", PostAsync(new SegData(segData) { Capabilities = new Capabilities { Bitstring = { 1UL << 37 } } }, payment, body));
        await ExpectAsync(HttpStatusCode.Forbidden, "segment hash does not match", PostAsync(segData, payment, [.. body, 0]));

        Task<HttpResponseMessage> Send(params string[] headers) => SendRawAsync(headers, body);
    }

    /// <summary>Whatever arrives in the headers and body, the answer is a 4xx with a reason: never a 5xx, never a crash.</summary>
    [Property(MaxTest = 60)]
    public bool Fuzzed_headers_and_bodies_never_get_a_5xx(byte[] segment, byte[] payment, byte[] body, bool rawText)
    {
        var segHeader = rawText ? new string([.. segment.Select(b => (char)(32 + (b % 95)))]) : Convert.ToBase64String(segment);
        using var response = SendRawAsync(["Livepeer-Segment", segHeader, "Livepeer-Payment", Convert.ToBase64String(payment)], body).GetAwaiter().GetResult();
        var status = (int)response.StatusCode;
        return status is >= 400 and < 500 && response.Content.ReadAsStringAsync().GetAwaiter().GetResult().Length > 0;
    }

    [Fact]
    public async Task Mutated_credentials_and_payments_get_a_4xx_or_a_transcode_result()
    {
        var body = "x"u8.ToArray();
        var (segData, payment) = await CredentialsAsync("wire-fuzz", body);
        var property = Prop.ForAll(ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<byte>(), (position, value) =>
        {
            var seg = segData.ToByteArray();
            var pay = payment.ToByteArray();
            var target = (position & 1) == 0 ? seg : pay;
            target[Math.Abs(position % target.Length)] ^= (byte)(value | 1);
            using var response = SendRawAsync(["Livepeer-Segment", Convert.ToBase64String(seg), "Livepeer-Payment", Convert.ToBase64String(pay)], body).GetAwaiter().GetResult();
            var status = (int)response.StatusCode;
            // A mutation the credentials do not cover (a bitrate, the duration) may still be valid: then the answer
            // is 200 with a TranscodeResult, whose error is the documented way a transcode fails.
            if (status == 200)
                return TranscodeResult.Parser.ParseFrom(response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult()).Info is not null;
            Assert.True(status is >= 400 and < 500, $"{status}: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), property);
    }

    private async Task<(SegData SegData, Payment Payment)> CredentialsAsync(string manifestId, byte[] body)
    {
        var discovery = new OrchestratorDiscovery(_client, Gateway, TimeProvider.System);
        var job = CapabilitySet.Job(VideoProfiles.BenchmarkLadder, SegmentFormat.MpegTs);
        var info = await discovery.GetOrchestratorAsync(Service, job, CancellationToken.None);
        var price = WireConvert.FromWire(info.PriceInfo);
        var ticketParams = WireConvert.FromWire(info.TicketParams, price);
        var batch = await node.Grains.GetGrain<Payments.ITicketSenderGrain>(Gateway.Address.ToString()).CreateTicketBatch(ticketParams, 2);
        var hash = Keccak256.Hash(body);
        var manifest = ByteString.CopyFromUtf8(manifestId);
        var segData = new SegData
        {
            ManifestId = manifest,
            Seq = 0,
            Hash = ByteString.CopyFrom(hash),
            Duration = 500,
            Capabilities = job,
            AuthToken = info.AuthToken,
            Profiles = ByteString.CopyFromUtf8("invalid"),
            Sig = ByteString.CopyFrom(Gateway.SignPersonalKeccak(WireSignatures.SegmentMessage(manifest.Span, 0, hash, VideoProfiles.BenchmarkLadder.Select(p => p.Name)))),
        };
        segData.FullProfiles.AddRange(VideoProfiles.BenchmarkLadder.Select(p => WireConvert.ToWire(p, SegmentFormat.MpegTs)));
        return (segData, WireConvert.ToWire(batch.Batch!, price));
    }

    private Task<HttpResponseMessage> PostAsync(SegData segData, Payment payment, byte[] body) =>
        SendRawAsync(["Livepeer-Segment", Base64(segData), "Livepeer-Payment", Base64(payment)], body);

    private Task<HttpResponseMessage> SendRawAsync(string[] headers, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Service, "/segment")) { Content = new ByteArrayContent(body) };
        for (var i = 0; i < headers.Length; i += 2)
            request.Headers.TryAddWithoutValidation(headers[i], headers[i + 1]);
        return _http.SendAsync(request);
    }

    private static string Base64(IMessage message) => Convert.ToBase64String(message.ToByteArray());

    private static async Task ExpectAsync(HttpStatusCode status, string reason, Task<HttpResponseMessage> send)
    {
        using var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status && text.Contains(reason, StringComparison.Ordinal), $"expected {(int)status} '{reason}', got {(int)response.StatusCode} '{text}'");
    }
}
