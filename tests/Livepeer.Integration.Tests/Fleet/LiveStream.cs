using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Livepeer.Integration.Tests.Fleet;

/// <summary>
/// Pushes a stream's segments through a gateway at live pace (segment i no earlier than i × its duration after the
/// start, and after segment i − 1 came back), recording what each push returned. When the gateway is gone (the
/// connection refused or reset), the segment and the rest of the stream go to the next gateway, as a load balancer
/// in front of several gateway hosts would send them.
/// </summary>
public sealed class LiveStream(HttpClient http, IReadOnlyList<Uri> gateways, string manifestId, byte[] segment, TimeSpan segmentDuration)
{
    private readonly List<(long SeqNo, HttpStatusCode Status, string Body, Uri Gateway)> _results = [];
    private readonly List<long> _failovers = [];
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _sent = [];
    private readonly TaskCompletionSource _halfway = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LiveStream(HttpClient http, Uri gateway, string manifestId, byte[] segment, TimeSpan segmentDuration)
        : this(http, [gateway], manifestId, segment, segmentDuration)
    {
    }

    public IReadOnlyList<(long SeqNo, HttpStatusCode Status, string Body, Uri Gateway)> Results => _results;

    /// <summary>The segments whose push failed at a gateway and went to the next one.</summary>
    public IReadOnlyList<long> Failovers => _failovers;

    /// <summary>Completes once <c>count / 3</c> segments came back: the moment to break something.</summary>
    public Task Started => _halfway.Task;

    /// <summary>Awaited before each push of a segment (again before it goes to the next gateway), with that gateway.</summary>
    public Func<long, Uri, Task>? BeforePush { get; init; }

    /// <summary>Completes once segment <paramref name="seqNo"/>'s body has been sent to a gateway the first time.</summary>
    public Task Sent(long seqNo) => SentSource(seqNo).Task;

    public async Task PushAsync(int count)
    {
        var clock = Stopwatch.StartNew();
        var gateway = 0;
        for (var seq = 0; seq < count; seq++)
        {
            var due = segmentDuration * seq - clock.Elapsed;
            if (due > TimeSpan.Zero)
                await Task.Delay(due); // live pace: the next segment does not exist yet
            while (true)
            {
                var url = gateways[gateway];
                if (BeforePush is { } hook)
                    await hook(seq, url);
                try
                {
                    var (status, body) = await PushAsync(url, seq);
                    _results.Add((seq, status, body, url));
                    break;
                }
                catch (HttpRequestException) when (gateway + 1 < gateways.Count)
                {
                    gateway++;
                    _failovers.Add(seq);
                }
            }
            if (_results.Count >= Math.Max(1, count / 3))
                _halfway.TrySetResult();
        }
        _halfway.TrySetResult();
    }

    private async Task<(HttpStatusCode, string)> PushAsync(Uri gateway, long seq)
    {
        using var content = new SegmentContent(segment, SentSource(seq));
        content.Headers.Add("Content-Duration", ((int)segmentDuration.TotalMilliseconds).ToString());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, $"/live/{manifestId}/{seq}.ts")) { Content = content };
        request.Headers.Add("Accept", "multipart/mixed");
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private TaskCompletionSource SentSource(long seqNo) =>
        _sent.GetOrAdd(seqNo, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>The segment's bytes as a request body that says when it has been written to the connection.</summary>
    private sealed class SegmentContent(byte[] data, TaskCompletionSource sent) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(data);
            await stream.FlushAsync();
            sent.TrySetResult();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = data.Length;
            return true;
        }
    }
}
