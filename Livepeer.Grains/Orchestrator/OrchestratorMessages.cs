using Livepeer.AI;
using Livepeer.Crypto;
using Livepeer.Payments;
using Livepeer.Transcoding;

namespace Livepeer.Orchestrator;

/// <summary>
/// What an orchestrator tells a gateway before it pays (the fields of go-livepeer's <c>OrchestratorInfo</c> the grain
/// decides): its address, price and fresh ticket params for that sender, or why it cannot issue them.
/// </summary>
/// <param name="HasCapacity">False when a new session would be refused (<c>OrchestratorCapped</c>).</param>
[GenerateSerializer, Immutable]
public sealed record OrchestratorInfo(
    [property: Id(0)] EthAddress Address,
    [property: Id(1)] PriceInfo Price,
    [property: Id(2)] TicketParams? TicketParams,
    [property: Id(3)] PaymentError? Error,
    [property: Id(4)] bool HasCapacity = true);

/// <summary>The payment side of a <c>POST /segment</c> (the <c>Livepeer-Payment</c> header).</summary>
/// <param name="SessionId">The auth token's session ID: the transcode session the segment belongs to.</param>
/// <param name="Payment">The tickets; null when the gateway's credit already covers the segment.</param>
/// <param name="ExpectedPrice">The price the gateway agreed to, which the ticket params bind.</param>
[GenerateSerializer, Immutable]
public sealed record SegmentPayment(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string ManifestId,
    [property: Id(2)] EthAddress Sender,
    [property: Id(3)] TicketBatch? Payment,
    [property: Id(4)] PriceInfo ExpectedPrice);

/// <summary>An AI job with its payment, as go-livepeer's gateway sends it to <c>POST {orchestrator}/{pipeline}</c>.</summary>
/// <param name="ExpectedPrice">The model's price the gateway agreed to, which the ticket params bind.</param>
[GenerateSerializer, Immutable]
public sealed record AIJobRequest(
    [property: Id(0)] AIJob Job,
    [property: Id(1)] EthAddress Sender,
    [property: Id(2)] TicketBatch? Payment,
    [property: Id(3)] PriceInfo ExpectedPrice);

/// <summary>Why a segment was or was not admitted; <see cref="Reason"/> is go-livepeer's text.</summary>
[GenerateSerializer, Immutable]
public sealed record SegmentAdmission(
    [property: Id(0)] SegmentAdmissionStatus Status,
    [property: Id(1)] string? Reason = null)
{
    public static SegmentAdmission Admitted { get; } = new(SegmentAdmissionStatus.Admitted);
}

public enum SegmentAdmissionStatus
{
    Admitted,

    /// <summary>At the session cap: 403 <c>OrchestratorCapped</c>.</summary>
    Capped,

    /// <summary>The session's queue is full: 403 <c>OrchestratorBusy</c>.</summary>
    Busy,

    /// <summary>A ticket error (400).</summary>
    PaymentRejected,

    /// <summary>Less credit than one ticket's EV (400 "Insufficient balance").</summary>
    InsufficientBalance,
}

/// <summary>An admitted segment to transcode, with what its debit needs.</summary>
[GenerateSerializer, Immutable]
public sealed record SegmentWork(
    [property: Id(0)] string SessionId,
    [property: Id(1)] SourceSegment Segment,
    [property: Id(2)] IReadOnlyList<VideoProfile> Profiles,
    [property: Id(3)] EthAddress Sender,
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
    [Id(7)] public long AIJobsProcessed { get; set; }
    [Id(8)] public long AIJobsFailed { get; set; }
    [Id(9)] public long AIUnits { get; set; }

    /// <summary>Transcode sessions this orchestrator runs at once (its worker slots).</summary>
    [Id(10)] public int TranscodeCapacity { get; set; }
}
