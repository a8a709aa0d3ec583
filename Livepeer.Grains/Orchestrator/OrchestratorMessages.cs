using Livepeer.Crypto;
using Livepeer.Payments;
using Livepeer.Transcoding;

namespace Livepeer.Orchestrator;

/// <summary>
/// What an orchestrator tells a gateway before it pays (the fields of go-livepeer's <c>OrchestratorInfo</c> this
/// node uses): its address, price and fresh ticket params for that sender, or why it cannot issue them.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OrchestratorInfo(
    [property: Id(0)] EthAddress Address,
    [property: Id(1)] PriceInfo Price,
    [property: Id(2)] TicketParams? TicketParams,
    [property: Id(3)] PaymentError? Error);

/// <summary>A segment to transcode with its payment (go-livepeer's <c>Livepeer-Segment</c> and <c>Livepeer-Payment</c>).</summary>
/// <param name="Payment">The tickets; null when the gateway's credit already covers the segment.</param>
/// <param name="ExpectedPrice">The price the gateway agreed to, which the ticket params bind.</param>
[GenerateSerializer, Immutable]
public sealed record SegmentRequest(
    [property: Id(0)] SourceSegment Segment,
    [property: Id(1)] IReadOnlyList<VideoProfile> Profiles,
    [property: Id(2)] EthAddress Sender,
    [property: Id(3)] TicketBatch? Payment,
    [property: Id(4)] PriceInfo ExpectedPrice);

/// <summary>An orchestrator's payment and work counters since its activation.</summary>
[GenerateSerializer]
public sealed record OrchestratorStats
{
    [Id(0)] public long SegmentsTranscoded { get; set; }
    [Id(1)] public long SegmentsFailed { get; set; }
    [Id(2)] public long TicketsReceived { get; set; }
    [Id(3)] public long TicketsAccepted { get; set; }
    [Id(4)] public long WinningTickets { get; set; }
    [Id(5)] public long PixelsEncoded { get; set; }
    [Id(6)] public int SegmentsInFlight { get; set; }

    /// <summary>Transcode sessions this orchestrator runs at once (its worker slots).</summary>
    [Id(7)] public int TranscodeCapacity { get; set; }
}
