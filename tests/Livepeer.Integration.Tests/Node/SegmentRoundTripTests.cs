using System.Net;
using System.Net.Http.Headers;
using Livepeer.Integration.Tests.Media;
using Livepeer.Node;
using Livepeer.Orchestrator;
using Livepeer.Payments;
using Livepeer.Transcoding;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Integration.Tests.Node;

/// <summary>One segment through the whole node: HTTP push → session grain → orchestrator grain → stream → worker → renditions.</summary>
public sealed class SegmentRoundTripTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task Pushed_1080p_segment_comes_back_in_every_benchmark_rendition()
    {
        var source = await Ffmpeg.GenerateSegmentAsync(node.Directory);

        var parts = await PushAsync("roundtrip", 0, source);

        Assert.Equal(VideoProfiles.BenchmarkLadder.Select(p => p.Name), parts.Select(p => p.RenditionName));
        foreach (var (part, profile) in parts.Zip(VideoProfiles.BenchmarkLadder))
        {
            Assert.Equal($"attachment; filename=\"{profile.Name}_0.ts\"", part.ContentDisposition);
            Assert.StartsWith("video/mp2t", part.ContentType);
            var path = Path.Combine(node.Directory, $"roundtrip-{profile.Name}.ts");
            await File.WriteAllBytesAsync(path, part.Data);
            var probe = await Ffmpeg.ProbeAsync(path);
            Assert.Equal("h264", probe.Video.CodecName);
            Assert.Equal(profile.Width, probe.Video.Width);
            Assert.Equal(profile.Height, probe.Video.Height);
            Assert.Contains(probe.Streams, s => s.CodecType == "audio");
            Assert.InRange(probe.Duration, 1.9, 2.1);
        }
    }

    [Fact]
    public async Task Hls_playlists_of_a_pushed_stream_play_in_ffprobe()
    {
        var source = await Ffmpeg.GenerateSegmentAsync(node.Directory, 640, 360);
        await PushAsync("hls", 0, source);
        await PushAsync("hls", 1, source);

        var master = await node.Http.GetStringAsync("/stream/hls.m3u8");
        Assert.Contains("hls/720p0.m3u8", master);
        var media = await node.Http.GetStringAsync("/stream/hls/240p0.m3u8");
        Assert.Contains("240p0/1.ts", media);

        var probe = await Ffmpeg.ProbeAsync(new Uri(node.GatewayUrl, "/stream/hls/360p0.m3u8").ToString());
        Assert.Equal(640, probe.Video.Width);
        Assert.Equal(360, probe.Video.Height);
        var variants = await Ffmpeg.ProbeAsync(new Uri(node.GatewayUrl, "/stream/hls.m3u8").ToString());
        Assert.Equal(4, variants.Streams.Count(s => s.CodecType == "video"));
    }

    [Fact]
    public async Task Segment_that_is_not_video_gets_422_with_ffmpegs_reason()
    {
        using var response = await PostAsync("corrupt", "0.ts", "this is not an MPEG-TS segment"u8.ToArray());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Invalid data found when processing input", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Truncated_segment_gets_422_and_the_next_good_segment_of_the_stream_succeeds()
    {
        var source = await Ffmpeg.GenerateSegmentAsync(node.Directory, 640, 360);

        using var bad = await PostAsync("recovers", "0.ts", source[..188]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);

        var parts = await PushAsync("recovers", 1, source);
        Assert.Equal(4, parts.Count);
    }

    [Fact]
    public async Task Segment_wider_than_8K_gets_422_with_the_limit()
    {
        var wide = await Ffmpeg.GenerateSegmentAsync(node.Directory, 8200, 64, seconds: 0.2);

        using var response = await PostAsync("wide", "0.ts", wide);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("resolution 8200x64 exceeds 8192x8192", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("abc.ts", "invalid segment sequence number")]
    [InlineData("-1.ts", "invalid segment sequence number")]
    [InlineData("0.flv", "unsupported segment extension")]
    [InlineData("0", "has no extension")]
    public async Task Bad_segment_name_gets_400(string segmentName, string reason)
    {
        using var response = await PostAsync("badname", segmentName, [1, 2, 3]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bad_content_duration_gets_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/live/baddur/0.ts") { Content = new ByteArrayContent([1]) };
        request.Headers.Add("Content-Duration", "two seconds");

        using var response = await node.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Empty_segment_gets_422()
    {
        using var response = await PostAsync("empty", "0.ts", []);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_loads_and_lists_the_grains_that_handled_a_segment()
    {
        var source = await Ffmpeg.GenerateSegmentAsync(node.Directory, 640, 360);
        await PushAsync("dashboard", 0, source);

        using var page = await node.Http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Orleans Dashboard", await page.Content.ReadAsStringAsync());

        var counters = await node.Http.GetStringAsync("/dashboard/DashboardCounters");
        Assert.Contains("BroadcastSessionGrain", counters);
        Assert.Contains("OrchestratorGrain", counters);
        Assert.Contains("TranscodeWorkerGrain", counters);
    }

    [Fact]
    public async Task Each_segment_is_paid_with_a_ticket_the_orchestrator_validated_and_credited()
    {
        var keys = node.Services.GetRequiredService<NodeKeys>();
        var payments = node.Services.GetRequiredService<NodePayments>();
        var orchestrator = node.Grains.GetGrain<IOrchestratorGrain>(keys.Orchestrator.Address.ToString());
        var source = await Ffmpeg.GenerateSegmentAsync(node.Directory, 640, 360);
        var before = await orchestrator.GetStats();

        await PushAsync("paid", 0, source);

        var afterFirst = await orchestrator.GetStats();
        Assert.Equal(1, afterFirst.TicketsReceived - before.TicketsReceived);
        Assert.Equal(1, afterFirst.TicketsAccepted - before.TicketsAccepted);
        var pixels = afterFirst.PixelsEncoded - before.PixelsEncoded;
        var balance = await orchestrator.GetBalance(keys.Gateway.Address, "paid");
        // Credited: the ticket's exact EV (faceValue × winProb / (2^256 − 1), within 1 wei of the configured EV),
        // debited: the encoded pixels at the fixed price.
        var credited = balance + new BigRational(pixels, 1) * payments.Price.PricePerPixel;
        var offBy = credited - payments.TicketConfig.EV;
        Assert.True(offBy >= -1 && offBy <= 1, $"credited {credited} wei for a ticket of EV {payments.TicketConfig.EV}");

        // go-livepeer keeps at least one ticket's EV of credit (minCredit = max(fee, EV)), so at the default EV every
        // segment carries one ticket; the credit grows by its EV and shrinks by the pixels encoded.
        await PushAsync("paid", 1, source);

        var afterSecond = await orchestrator.GetStats();
        Assert.Equal(1, afterSecond.TicketsAccepted - afterFirst.TicketsAccepted);
        var secondPixels = afterSecond.PixelsEncoded - afterFirst.PixelsEncoded;
        var expected = balance + payments.TicketConfig.EV - new BigRational(secondPixels, 1) * payments.Price.PricePerPixel;
        var drift = await orchestrator.GetBalance(keys.Gateway.Address, "paid") - expected;
        Assert.True(drift >= -1 && drift <= 1, $"balance off by {drift} wei");
    }

    [Fact]
    public async Task Metrics_show_the_segment_ticket_funds_and_selection_series_after_a_job_and_probes_answer()
    {
        var source = await Ffmpeg.GenerateSegmentAsync(node.Directory, 640, 360);
        await PushAsync("metrics", 0, source);

        using (var health = await node.Http.GetAsync("/healthz"))
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using (var ready = await node.Http.GetAsync("/readyz"))
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        var metrics = PrometheusText.Parse(await node.Http.GetStringAsync("/metrics"));

        // Counters are process-wide (other tests of the class push too), so they are at least this job's share.
        Assert.True(metrics.Sum("livepeer_segment_transcoded_total") >= 1, "no transcoded segment counted");
        Assert.True(metrics.Sum("livepeer_transcode_time_seconds_count") >= 1, "no transcode time recorded");
        Assert.True(metrics.Sum("livepeer_tickets_sent") >= 1, "no ticket sent counted");
        Assert.True(metrics.Sum("livepeer_tickets_recv") >= 1, "no ticket received counted");
        Assert.True(metrics.Sum("livepeer_ticket_value_sent") > 0, "no ticket value sent");
        Assert.True(metrics.Sum("livepeer_ticket_value_recv") > 0, "no ticket value received");
        Assert.True(metrics.Has("livepeer_winning_tickets_recv"), "no winning-ticket series");
        Assert.True(metrics.Sum("livepeer_gateway_deposit") > 0, "no deposit");
        Assert.True(metrics.Sum("livepeer_gateway_reserve") > 0, "no reserve");
        Assert.True(metrics.Sum("livepeer_orchestrator_selection_total") >= 1, "no orchestrator selection counted");
    }

    [Fact]
    public async Task Orchestrator_service_reports_its_status()
    {
        var keys = node.Services.GetRequiredService<NodeKeys>();

        // The service port is TLS with a self-signed certificate, which Livepeer peers do not verify.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler);
        var status = await http.GetStringAsync($"https://127.0.0.1:{node.ServicePort}/status");

        Assert.Contains(keys.Orchestrator.Address.ToString(), status);
        Assert.Contains("\"ticketEV\":\"8000000000\"", status);
    }

    private async Task<HttpResponseMessage> PostAsync(string manifestId, string segmentName, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/live/{manifestId}/{segmentName}") { Content = new ByteArrayContent(body) };
        request.Headers.Add("Content-Duration", "2000");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("multipart/mixed"));
        return await node.Http.SendAsync(request);
    }

    private async Task<List<RenditionPart>> PushAsync(string manifestId, long seq, byte[] segment)
    {
        using var response = await PostAsync(manifestId, $"{seq}.ts", segment);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, $"push failed: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        var boundary = response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        var parts = new List<RenditionPart>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            using var data = new MemoryStream();
            await section.Body.CopyToAsync(data);
            Assert.Equal(data.Length.ToString(), section.Headers!["Content-Length"].ToString());
            parts.Add(new RenditionPart(section.Headers["Rendition-Name"].ToString(), section.ContentType!,
                section.ContentDisposition!, data.ToArray()));
        }
        return parts;
    }

    private sealed record RenditionPart(string RenditionName, string ContentType, string ContentDisposition, byte[] Data);
}
