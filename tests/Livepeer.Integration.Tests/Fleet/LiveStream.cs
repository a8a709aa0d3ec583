using System.Diagnostics;
using System.Net;

namespace Livepeer.Integration.Tests.Fleet;

/// <summary>
/// Pushes a stream's segments through the gateway at live pace (segment i no earlier than i × its duration after the
/// start, and after segment i − 1 came back), recording what each push returned.
/// </summary>
public sealed class LiveStream(HttpClient http, Uri gateway, string manifestId, byte[] segment, TimeSpan segmentDuration)
{
    private readonly List<(long SeqNo, HttpStatusCode Status, string Body)> _results = [];
    private readonly TaskCompletionSource _halfway = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(long SeqNo, HttpStatusCode Status, string Body)> Results => _results;

    /// <summary>Completes once <c>count / 3</c> segments came back: the moment to break something.</summary>
    public Task Started => _halfway.Task;

    public async Task PushAsync(int count)
    {
        var clock = Stopwatch.StartNew();
        for (var seq = 0; seq < count; seq++)
        {
            var due = segmentDuration * seq - clock.Elapsed;
            if (due > TimeSpan.Zero)
                await Task.Delay(due); // live pace: the next segment does not exist yet
            using var content = new ByteArrayContent(segment);
            content.Headers.Add("Content-Duration", ((int)segmentDuration.TotalMilliseconds).ToString());
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, $"/live/{manifestId}/{seq}.ts")) { Content = content };
            request.Headers.Add("Accept", "multipart/mixed");
            using var response = await http.SendAsync(request);
            _results.Add((seq, response.StatusCode, await response.Content.ReadAsStringAsync()));
            if (_results.Count >= Math.Max(1, count / 3))
                _halfway.TrySetResult();
        }
        _halfway.TrySetResult();
    }
}
