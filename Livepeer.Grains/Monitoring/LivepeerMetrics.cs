using System.Diagnostics.Metrics;
using System.Numerics;
using Livepeer.Cuda.Devices;
using Livepeer.Payments;

namespace Livepeer.Monitoring;

/// <summary>
/// The node's domain metrics, on the <c>Livepeer</c> meter (System.Diagnostics.Metrics, OpenTelemetry's .NET API) and
/// exported by the silo at <c>/metrics</c>. Instrument names are go-livepeer's Prometheus names (its
/// <c>monitor/census.go</c> with the <c>livepeer_</c> namespace) where go-livepeer has the metric. Wei amounts are
/// doubles, as in go-livepeer (exact below 2^53 wei; the ledger keeps the exact values).
/// </summary>
public static class LivepeerMetrics
{
    public const string MeterName = "Livepeer";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> SegmentsTranscoded =
        Meter.CreateCounter<long>("livepeer_segment_transcoded_total", description: "Segments transcoded by this orchestrator");

    private static readonly Counter<long> SegmentsFailed =
        Meter.CreateCounter<long>("livepeer_segment_transcode_failed_total", description: "Segments this orchestrator failed, by reason");

    private static readonly Histogram<double> TranscodeTime =
        Meter.CreateHistogram<double>("livepeer_transcode_time_seconds", "s", "Time a worker took to transcode a segment");

    private static readonly Histogram<double> TranscodeScore =
        Meter.CreateHistogram<double>("livepeer_transcode_score", description: "Real-time ratio: segment duration / transcode time (above 1 is faster than real time)");

    private static readonly Counter<long> TranscodeRetries =
        Meter.CreateCounter<long>("livepeer_transcode_retries_total", description: "Jobs sent again because the worker that had them was gone");

    private static readonly Counter<long> TicketsSent = Meter.CreateCounter<long>("livepeer_tickets_sent", description: "Tickets sent by the gateway");

    private static readonly Counter<double> TicketValueSent =
        Meter.CreateCounter<double>("livepeer_ticket_value_sent", description: "Expected value of the tickets sent");

    private static readonly Counter<long> TicketsRecv = Meter.CreateCounter<long>("livepeer_tickets_recv", description: "Tickets received by the orchestrator");

    private static readonly Counter<double> TicketValueRecv =
        Meter.CreateCounter<double>("livepeer_ticket_value_recv", description: "Expected value of the tickets accepted");

    private static readonly Counter<long> PaymentRecvErrors =
        Meter.CreateCounter<long>("livepeer_payment_recv_errors", description: "Payments the orchestrator rejected");

    private static readonly Counter<long> WinningTicketsRecv =
        Meter.CreateCounter<long>("livepeer_winning_tickets_recv", description: "Winning tickets received and queued for redemption");

    private static readonly Counter<long> TicketsRedeemed =
        Meter.CreateCounter<long>("livepeer_winning_tickets_redeemed", description: "Winning tickets redeemed on the ledger");

    private static readonly Counter<double> ValueRedeemed = Meter.CreateCounter<double>("livepeer_value_redeemed", description: "Value of redeemed tickets");

    private static readonly Counter<long> RedemptionErrors =
        Meter.CreateCounter<long>("livepeer_ticket_redemption_errors", description: "Failed redemption attempts");

    private static readonly Gauge<double> Deposit = Meter.CreateGauge<double>("livepeer_gateway_deposit", description: "The gateway's deposit on the ledger");

    private static readonly Gauge<double> Reserve = Meter.CreateGauge<double>("livepeer_gateway_reserve", description: "The gateway's reserve on the ledger");

    private static readonly Counter<long> OrchestratorSelections =
        Meter.CreateCounter<long>("livepeer_orchestrator_selection_total", description: "Orchestrator selections by the gateway, by outcome");

    private static readonly Counter<long> AIRequests =
        Meter.CreateCounter<long>("livepeer_ai_request_count", description: "AI requests the gateway finished, by pipeline, model and outcome");

    // Observed, not pushed: read at each scrape. No GPU, no measurement (and no series).
    private static readonly ObservableGauge<long> GpuMemory = Meter.CreateObservableGauge(
        "livepeer_gpu_memory_total_bytes",
        () => CudaDevices.Describe().Select(d => new Measurement<long>(
            d.MemoryBytes, new KeyValuePair<string, object?>("device", d.Index), new KeyValuePair<string, object?>("name", d.Name))),
        "By",
        "Memory of each CUDA device this node can use");

    public static void SegmentTranscoded(TimeSpan duration, TimeSpan took)
    {
        SegmentsTranscoded.Add(1);
        TranscodeTime.Record(took.TotalSeconds);
        if (took > TimeSpan.Zero)
            TranscodeScore.Record(duration / took);
    }

    public static void SegmentFailed(string reason) => SegmentsFailed.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void TranscodeRetried() => TranscodeRetries.Add(1);

    public static void TicketsCreated(int count, BigRational evEach)
    {
        TicketsSent.Add(count);
        TicketValueSent.Add(count * Wei(evEach));
    }

    public static void PaymentReceived(int received, BigRational credited, int winners, bool rejected)
    {
        TicketsRecv.Add(received);
        TicketValueRecv.Add(Wei(credited));
        WinningTicketsRecv.Add(winners);
        if (rejected)
            PaymentRecvErrors.Add(1);
    }

    public static void TicketRedeemed(BigInteger paid)
    {
        TicketsRedeemed.Add(1);
        ValueRedeemed.Add((double)paid);
    }

    public static void RedemptionFailed() => RedemptionErrors.Add(1);

    public static void SenderFunds(BigInteger deposit, BigInteger reserve)
    {
        Deposit.Record((double)deposit);
        Reserve.Record((double)reserve);
    }

    /// <summary><paramref name="outcome"/>: <c>kept</c> (same orchestrator as the last segment) or <c>swapped</c>.</summary>
    private static double Wei(BigRational amount) => (double)amount.Numerator / (double)amount.Denominator;

    public static void OrchestratorSelected(string outcome) => OrchestratorSelections.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>
    /// One AI request finished at the gateway. <paramref name="error"/>: the HTTP status the client got, null on success;
    /// the outcome label is <c>ok</c> or that status code (go-livepeer's <c>ai_request_count</c> and <c>ai_request_errors</c> in one).
    /// </summary>
    public static void AIRequestFinished(string pipeline, string modelId, int? error) => AIRequests.Add(
        1,
        new KeyValuePair<string, object?>("pipeline", pipeline),
        new KeyValuePair<string, object?>("model_name", modelId),
        new KeyValuePair<string, object?>("outcome", error?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "ok"));
}
