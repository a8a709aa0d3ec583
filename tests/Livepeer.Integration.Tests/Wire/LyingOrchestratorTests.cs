using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Livepeer.Broadcast;
using Livepeer.Integration.Tests.Media;
using Livepeer.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Integration.Tests.Wire;

/// <summary>
/// A lying orchestrator: a loopback proxy in front of a real orchestrator node that speaks the real wire protocol
/// (h2c gRPC and <c>POST /segment</c>) but corrupts <c>TranscodeData.sig</c> in every result, so the renditions are
/// real and paid for yet their signature does not verify (network.md §12).
/// </summary>
public sealed class LyingOrchestrator : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly GrpcChannel _channel;
    private WebApplication _app = null!;

    private LyingOrchestrator(Uri uri, HttpClient http, GrpcChannel channel) => (Uri, _http, _channel) = (uri, http, channel);

    public Uri Uri { get; }

    /// <summary>Segments received per manifest ID.</summary>
    public ConcurrentDictionary<string, int> Segments { get; } = new();

    public static async Task<LyingOrchestrator> StartAsync(Uri real)
    {
        var port = FreePorts.Next();
        var uri = new Uri($"http://127.0.0.1:{port}");
        var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } })
        {
            DefaultRequestVersion = HttpVersion.Version20,
        };
        var channel = GrpcChannel.ForAddress(real, new GrpcChannelOptions { HttpClient = http });
        var liar = new LyingOrchestrator(uri, http, channel);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(liar);
        liar._app = builder.Build();
        liar._app.MapGrpcService<Service>();
        liar._app.MapPost("/segment", context => liar.ForwardSegmentAsync(context, real));
        await liar._app.StartAsync();
        return liar;
    }

    private async Task ForwardSegmentAsync(HttpContext context, Uri real)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(real, "/segment")) { Content = new ByteArrayContent(body.ToArray()) };
        foreach (var name in new[] { "Livepeer-Segment", "Livepeer-Payment" })
            request.Headers.Add(name, context.Request.Headers[name].ToString());
        request.Content.Headers.ContentType = new(context.Request.ContentType ?? "video/MP2T");
        var segData = SegData.Parser.ParseFrom(Convert.FromBase64String(context.Request.Headers["Livepeer-Segment"].ToString()));
        Segments.AddOrUpdate(segData.ManifestId.ToStringUtf8(), 1, (_, n) => n + 1);

        // Like the real orchestrator, answer 200 as soon as the upload is taken and send the result when it is done.
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        context.Response.StatusCode = (int)response.StatusCode;
        await context.Response.Body.FlushAsync();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var result = TranscodeResult.Parser.ParseFrom(bytes);
            if (result.ResultCase == TranscodeResult.ResultOneofCase.Data)
            {
                var sig = result.Data.Sig.ToByteArray();
                sig[0] ^= 0xff;
                result.Data.Sig = ByteString.CopyFrom(sig);
            }
            bytes = result.ToByteArray();
        }
        await context.Response.Body.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _channel.Dispose();
        _http.Dispose();
    }

    /// <summary>Passes the real orchestrator's info through, with itself as the transcoder so that segments come to it.</summary>
    private sealed class Service(LyingOrchestrator liar) : Net.Orchestrator.OrchestratorBase
    {
        private Net.Orchestrator.OrchestratorClient Real => new(liar._channel);

        public override async Task<OrchestratorInfo> GetOrchestrator(OrchestratorRequest request, ServerCallContext context)
        {
            var info = await Real.GetOrchestratorAsync(request);
            info.Transcoder = liar.Uri.ToString();
            return info;
        }

        public override async Task<EndTranscodingSessionResponse> EndTranscodingSession(EndTranscodingSessionRequest request, ServerCallContext context) =>
            await Real.EndTranscodingSessionAsync(request);

        public override async Task<PingPong> Ping(PingPong request, ServerCallContext context) => await Real.PingAsync(request);
    }
}

public sealed class LyingOrchestratorFixture : IAsyncLifetime
{
    private readonly SeparateOperatorsFixture _nodes = new();

    public SeparateOperatorsFixture Nodes => _nodes;

    public LyingOrchestrator Liar { get; private set; } = null!;

    public WebApplication Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _nodes.InitializeOrchestratorsAsync(1, 1);
        Liar = await LyingOrchestrator.StartAsync(new Uri($"https://127.0.0.1:{_nodes.Orchestrators[1].Port}"));
        Gateway = await _nodes.StartGatewayAsync($"https://127.0.0.1:{_nodes.Orchestrators[0].Port}", Liar.Uri.ToString());
    }

    public async Task DisposeAsync()
    {
        await Liar.DisposeAsync();
        await _nodes.DisposeAsync();
    }
}

public sealed class LyingOrchestratorTests(LyingOrchestratorFixture fixture) : IClassFixture<LyingOrchestratorFixture>
{
    [Fact]
    public async Task Orchestrator_returning_bad_signatures_is_suspended_and_every_segment_comes_from_the_good_one()
    {
        // Each stream picks its first orchestrator at random (equal stakes and prices): push new streams until one
        // lands on the liar, bounded so that a selection that never picks it fails instead of looping.
        var pushed = 0;
        string? lied = null;
        for (var stream = 0; stream < 20 && lied is null; stream++)
        {
            var manifestId = $"liar-{stream}";
            var (status, body) = await fixture.Nodes.PushAsync(manifestId, 0);
            Assert.True(status == 200, $"{manifestId}: {status} {body}");
            pushed++;
            if (fixture.Liar.Segments.ContainsKey(manifestId))
                lied = manifestId;
        }
        Assert.True(lied is not null, "no stream in 20 ever selected the lying orchestrator");

        var suspended = await fixture.Gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<IBroadcastSessionGrain>(lied).GetSuspendedOrchestrators();
        Assert.Equal([fixture.Liar.Uri.ToString()], suspended);
        for (var seq = 1; seq < 4; seq++)
        {
            var (status, body) = await fixture.Nodes.PushAsync(lied, seq);
            Assert.True(status == 200, $"{lied}/{seq}: {status} {body}");
            pushed++;
        }
        // Suspension is go-livepeer's: it lasts a number of pool refreshes, after which the liar is tried again and
        // suspended again; it never gets every segment, and none of its results is ever returned.
        Assert.True(fixture.Liar.Segments[lied] < 4, $"the liar got all {fixture.Liar.Segments[lied]} segments of {lied}");
        Assert.Equal(pushed, (await fixture.Nodes.StatsAsync(0)).SegmentsTranscoded);
    }
}
