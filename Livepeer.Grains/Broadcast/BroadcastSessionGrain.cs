using Livepeer.Monitoring;
using Livepeer.Node;
using Livepeer.Orchestrator;
using Livepeer.Payments;
using Livepeer.Transcoding;
using Microsoft.Extensions.Logging;

namespace Livepeer.Broadcast;

/// <summary>
/// Pays for each segment the way go-livepeer's gateway does: fresh ticket params from the orchestrator (refreshed
/// before they expire), a fee estimate, balance staging to decide how many tickets to send, and settlement of the
/// credit from the pixels the orchestrator encoded.
/// </summary>
[GatewayPlacement]
public sealed class BroadcastSessionGrain(
    TranscodingLadder ladder,
    IOrchestratorDirectory orchestrators,
    NodeKeys keys,
    ITimeManager clock,
    ILogger<BroadcastSessionGrain> logger) : Grain, IBroadcastSessionGrain
{
    /// <summary>Params this close to expiry are refreshed first (go-livepeer's <c>paramsExpiryBuffer</c>).</summary>
    private const int ParamsExpiryBuffer = 1;

    /// <summary>go-livepeer's <c>priceIncreaseThreshold</c>: a session pays at most twice its starting price.</summary>
    private const int PriceIncreaseThreshold = 2;

    private GatewayBalance _balance = new();
    private PriceInfo? _initialPrice;
    private HlsPlaylist _playlist = null!;
    private string? _orchestratorId;
    private OrchestratorInfo? _info;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _playlist = new HlsPlaylist(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    async Task<TranscodeOutcome> IBroadcastSessionGrain.PushSegment(SourceSegment segment)
    {
        using var scope = logger.BeginScope("{ManifestId}/{SeqNo}", segment.ManifestId, segment.SeqNo);
        var orchestratorId = orchestrators.Select();
        LivepeerMetrics.OrchestratorSelected(orchestratorId == _orchestratorId ? "kept" : "swapped");
        if (orchestratorId != _orchestratorId)
        {
            // A new orchestrator session: credit at the old one does not carry over.
            _orchestratorId = orchestratorId;
            _info = null;
            _initialPrice = null;
            _balance = new GatewayBalance();
        }
        var orchestrator = GrainFactory.GetGrain<IOrchestratorGrain>(orchestratorId);
        var sender = keys.Gateway.Address;
        if (_info?.TicketParams is not { } current || current.ExpirationBlock - clock.LastSeenL1Block <= ParamsExpiryBuffer)
            _info = await orchestrator.GetOrchestratorInfo(sender);
        if (_info.TicketParams is not { } ticketParams)
            return Failed($"orchestrator {orchestratorId} issued no ticket params: {_info.Error?.Message}");
        _initialPrice ??= _info.Price;
        if (_info.Price.PricePerPixel > new BigRational(PriceIncreaseThreshold, 1) * _initialPrice.PricePerPixel)
            return Failed($"orchestrator {orchestratorId} raised its price from {_initialPrice} to {_info.Price}, more than {PriceIncreaseThreshold}x");

        var profiles = ladder.Profiles;
        var staged = _balance.Stage(SegmentFee.Estimate(profiles, segment.Duration, _info.Price), ticketParams.EV);
        TicketBatch? payment = null;
        if (staged.NumTickets > 0)
        {
            var batch = await GrainFactory.GetGrain<ITicketSenderGrain>(sender.ToString()).CreateTicketBatch(ticketParams, staged.NumTickets);
            if (batch.Error is { } error)
            {
                _balance.Restore(staged);
                _info = null;
                return Failed($"cannot pay orchestrator {orchestratorId}: {error.Message}");
            }
            payment = batch.Batch;
        }

        var outcome = await orchestrator.ProcessSegment(new SegmentRequest(segment, profiles, sender, payment, _info.Price));
        if (outcome.Segment is { } transcoded)
        {
            _balance.Settle(staged, new BigRational(transcoded.TotalPixels, 1) * _info.Price.PricePerPixel);
            if (segment.Format == SegmentFormat.MpegTs)
                _playlist.Add(transcoded, profiles);
        }
        else if (payment is null)
        {
            _balance.Restore(staged);
        }
        else
        {
            // Sent but not used: the credit is spent (go-livepeer's CreditSpent), and params are fetched afresh.
            logger.LogWarning("Segment {ManifestId}/{SeqNo} failed after paying {Tickets} tickets: {Error}",
                segment.ManifestId, segment.SeqNo, staged.NumTickets, outcome.Error?.Message);
            _info = null;
        }
        return outcome;
    }

    Task<string?> IBroadcastSessionGrain.GetMasterPlaylist() => Task.FromResult(_playlist.IsEmpty ? null : _playlist.Master());

    Task<string?> IBroadcastSessionGrain.GetMediaPlaylist(string rendition) => Task.FromResult(_playlist.Media(rendition));

    Task<byte[]?> IBroadcastSessionGrain.GetSegment(string rendition, long seqNo) => Task.FromResult(_playlist.Segment(rendition, seqNo));

    private static TranscodeOutcome Failed(string message) =>
        TranscodeOutcome.Failure(new TranscodeError(TranscodeErrorKind.Internal, message));
}
