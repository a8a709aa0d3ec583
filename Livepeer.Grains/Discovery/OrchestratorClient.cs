using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Livepeer.Net;

namespace Livepeer.Discovery;

/// <summary>
/// The gateway's side of the wire (go-livepeer <c>server/rpc.go</c> and <c>server/segment_rpc.go</c>; see shared
/// spec: network.md §1): one HTTP/2 client for gRPC and <c>POST /segment</c>, skipping certificate verification as
/// Livepeer peers do (orchestrators use self-signed certificates), with go-livepeer's timeouts.
/// </summary>
public sealed class OrchestratorClient : IDisposable
{
    /// <summary>go-livepeer's <c>GRPCTimeout</c>.</summary>
    public static readonly TimeSpan GrpcTimeout = TimeSpan.FromSeconds(8);

    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new();

    public OrchestratorClient()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            EnableMultipleHttp2Connections = true,
            // Livepeer peers present self-signed certificates and are identified by their Ethereum address instead.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        _http = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            // https negotiates HTTP/2 by ALPN; plain http means h2c with prior knowledge, as go-livepeer's -httpAddr http://.
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }

    public async Task<OrchestratorInfo> GetOrchestratorAsync(Uri orchestrator, OrchestratorRequest request, CancellationToken cancellationToken)
    {
        var client = new Net.Orchestrator.OrchestratorClient(Channel(orchestrator));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(GrpcTimeout);
        try
        {
            return await client.GetOrchestratorAsync(request, cancellationToken: timeout.Token);
        }
        catch (RpcException e)
        {
            throw new OrchestratorException(orchestrator, $"GetOrchestrator: {e.Status.Detail}", e);
        }
    }

    public async Task EndTranscodingSessionAsync(Uri orchestrator, AuthToken token, CancellationToken cancellationToken)
    {
        var client = new Net.Orchestrator.OrchestratorClient(Channel(orchestrator));
        await client.EndTranscodingSessionAsync(new EndTranscodingSessionRequest { AuthToken = token }, deadline: DateTime.UtcNow.Add(GrpcTimeout), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// go-livepeer's <c>SubmitSegment</c>: the upload must reach response headers within <paramref name="uploadTimeout"/>
    /// and the whole call finish within <paramref name="totalTimeout"/>; a non-200 is an error carrying O's reason.
    /// </summary>
    public async Task<TranscodeResult> SubmitSegmentAsync(Uri transcoder, SegData segData, Payment payment, byte[] body,
        TimeSpan uploadTimeout, TimeSpan totalTimeout, CancellationToken cancellationToken)
    {
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        total.CancelAfter(totalTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(transcoder, "/segment"))
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = PolicyFor(transcoder),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("video/MP2T");
        request.Headers.Add("Livepeer-Segment", Convert.ToBase64String(segData.ToByteArray()));
        request.Headers.Add("Livepeer-Payment", Convert.ToBase64String(payment.ToByteArray()));
        HttpResponseMessage response;
        using (var upload = CancellationTokenSource.CreateLinkedTokenSource(total.Token))
        {
            upload.CancelAfter(uploadTimeout);
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, upload.Token);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new OrchestratorException(transcoder, $"upload failed: {e.Message}", e);
            }
        }
        using (response)
        {
            try
            {
                var bytes = await response.Content.ReadAsByteArrayAsync(total.Token);
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new OrchestratorException(transcoder, $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes).Trim()}", statusCode: (int)response.StatusCode);
                return TranscodeResult.Parser.ParseFrom(bytes);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidProtocolBufferException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new OrchestratorException(transcoder, $"reading the result failed: {e.Message}", e);
            }
        }
    }

    /// <summary>Fetches a rendition from O's storage (go-livepeer's <c>core.DownloadData</c>).</summary>
    public async Task<byte[]> DownloadAsync(Uri orchestrator, string url, CancellationToken cancellationToken)
    {
        try
        {
            var uri = new Uri(url);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri) { Version = HttpVersion.Version20, VersionPolicy = PolicyFor(uri) };
            using var response = await _http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or UriFormatException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new OrchestratorException(orchestrator, $"download of {url} failed: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
            channel.Dispose();
        _http.Dispose();
    }

    private GrpcChannel Channel(Uri orchestrator) =>
        _channels.GetOrAdd(orchestrator.GetLeftPart(UriPartial.Authority), address => GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpClient = _http,
            DisposeHttpClient = false,
        }));

    private static HttpVersionPolicy PolicyFor(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttp ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower;
}

/// <summary>An orchestrator failed a call: it gets suspended and the segment goes elsewhere (network.md §7).</summary>
public sealed class OrchestratorException(Uri orchestrator, string message, Exception? inner = null, int? statusCode = null)
    : Exception($"orchestrator {orchestrator.GetLeftPart(UriPartial.Authority)}: {message}", inner)
{
    public Uri Orchestrator { get; } = orchestrator;

    public int? StatusCode { get; } = statusCode;
}
