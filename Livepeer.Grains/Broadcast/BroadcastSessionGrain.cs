using System.Diagnostics;
using System.Numerics;
using Google.Protobuf;
using Livepeer.Crypto;
using Livepeer.Discovery;
using Livepeer.Monitoring;
using Livepeer.Net;
using Livepeer.Payments;
using Livepeer.Transcoding;
using VideoProfile = Livepeer.Transcoding.VideoProfile;
using Livepeer.Node;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Livepeer.Broadcast;

/// <summary>
/// Sends each segment of a stream to an orchestrator over Livepeer's wire protocol the way go-livepeer's gateway does
/// (<c>server/broadcast.go</c>; see shared spec: network.md §5-§7, §11, §12): keep a session while its latency is good,
/// else discover and select one; refresh its info before the auth token or ticket params expire; pay with tickets;
/// check the renditions' signature; up to 3 attempts per segment, suspending an orchestrator that fails.
/// </summary>
[GatewayPlacement]
public sealed class BroadcastSessionGrain(
    [PersistentState("broadcast")] IPersistentState<BroadcastSessionState> state,
    TranscodingLadder ladder,
    GatewayOrchestrators orchestrators,
    IOptions<NodeOptions> options,
    ITimeManager clock,
    TimeProvider time,
    ILogger<BroadcastSessionGrain> logger) : Grain, IBroadcastSessionGrain
{
    /// <summary>go-livepeer's <c>-maxAttempts</c> default.</summary>
    public const int MaxAttempts = 3;

    /// <summary>go-livepeer's <c>SELECTOR_LATENCY_SCORE_THRESHOLD</c>.</summary>
    public const double LatencyScoreThreshold = 1.0;

    /// <summary>go-livepeer's <c>refreshTimeout</c> for a session's info.</summary>
    private static readonly TimeSpan RefreshTimeout = TimeSpan.FromMilliseconds(2500);

    private readonly Dictionary<string, GatewaySession> _sessions = [];
    private GatewaySession? _current;
    private HlsPlaylist _playlist = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _playlist = new HlsPlaylist(this.GetPrimaryKeyString(), state.State.Window);
        if (state.State is { Orchestrator: { } uri, Info: { } info })
        {
            _current = new GatewaySession(new OrchestratorCandidate(new Uri(uri), 1.0, BigInteger.Zero), OrchestratorInfo.Parser.ParseFrom(info),
                state.State.InitialPrice, state.State.Credit);
            _sessions[_current.Key] = _current;
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// go-livepeer's stream cleanup (<c>BroadcastSessionsManager.cleanup</c>): when the stream goes (its grain is
    /// collected after the stream went idle, or the silo stops), every orchestrator session it holds is torn down with
    /// <c>EndTranscodingSession</c> and its auth token, so each orchestrator frees the slot now instead of after its
    /// 70 s idle timeout. As in go, a failed teardown is only logged: the orchestrator's timeout still frees the slot.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await Task.WhenAll(_sessions.Values.Where(s => s.Info.AuthToken is not null).Select(async session =>
        {
            try
            {
                await orchestrators.Client.EndTranscodingSessionAsync(session.Transcoder, session.Info.AuthToken, cancellationToken);
            }
            catch (Exception e) when (e is Grpc.Core.RpcException or HttpRequestException or OperationCanceledException)
            {
                logger.LogInformation("Ending session {SessionId} at {Orchestrator}: {Error}", session.Info.AuthToken.SessionId, session.Key, e.Message);
            }
        }));
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    async Task<TranscodeOutcome> IBroadcastSessionGrain.PushSegment(SourceSegment segment)
    {
        // Every log line of this segment, from any class on this path, carries the stream and segment (JSON logs' scopes).
        using var scope = logger.BeginScope("{ManifestId}/{SeqNo}", segment.ManifestId, segment.SeqNo);
        using var span = GatewayTracing.StartSegment(segment.ManifestId, segment.SeqNo);
        var profiles = ladder.Profiles;
        var job = CapabilitySet.Job(profiles, segment.Format);
        string? lastError = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            GatewaySession? session;
            using (GatewayTracing.Start(GatewayTracing.Select))
                session = await SelectSessionAsync(job);
            if (session is null)
                return Failed(TranscodeErrorKind.NoOrchestrators, lastError is null ? "No sessions available" : $"No sessions available: {lastError}");
            try
            {
                return await TranscodeAsync(session, segment, profiles, job);
            }
            catch (OrchestratorException e)
            {
                lastError = e.Message;
                logger.LogWarning("Segment {ManifestId}/{SeqNo}, attempt {Attempt}: {Error}; suspending it", segment.ManifestId, segment.SeqNo, attempt + 1, e.Message);
                await SuspendAsync(session);
            }
        }
        return Failed(TranscodeErrorKind.Internal, lastError!);
    }

    Task<string?> IBroadcastSessionGrain.GetMasterPlaylist() => Task.FromResult(_playlist.IsEmpty ? null : _playlist.Master());

    Task<string?> IBroadcastSessionGrain.GetMediaPlaylist(string rendition) => Task.FromResult(_playlist.Media(rendition));

    async Task<byte[]?> IBroadcastSessionGrain.GetSegment(string rendition, long seqNo) =>
        _playlist.Contains(rendition, seqNo) ? await SegmentGrain(seqNo).GetRendition(rendition) : null;

    Task<IReadOnlyList<string>> IBroadcastSessionGrain.GetSuspendedOrchestrators() => Task.FromResult(state.State.Suspender.SuspendedOrchestrators());

    Task<BroadcastSessionStatus> IBroadcastSessionGrain.GetStatus() =>
        Task.FromResult(new BroadcastSessionStatus(_current?.Key, _current?.Balance.Credit ?? BigRational.Zero, _playlist.SeqNos));

    private IHlsSegmentGrain SegmentGrain(long seqNo) => GrainFactory.GetGrain<IHlsSegmentGrain>(HlsSegmentGrain.Key(this.GetPrimaryKeyString(), seqNo));

    /// <summary>
    /// go-livepeer's <c>selectSession</c> with a <c>MinLSSelector</c>: reuse the session while its latency score is good,
    /// else the best known one under the threshold, else an unknown one drawn by the selection algorithm (discovering
    /// afresh when none is left), else the best known one.
    /// </summary>
    private async Task<GatewaySession?> SelectSessionAsync(Capabilities job)
    {
        if (_current is { LatencyScore: null or <= LatencyScoreThreshold } current && _sessions.ContainsKey(current.Key))
        {
            LivepeerMetrics.OrchestratorSelected("kept");
            return current;
        }
        var best = _sessions.Values.Where(s => s.LatencyScore is not null).MinBy(s => s.LatencyScore);
        if (best is { LatencyScore: <= LatencyScoreThreshold })
            return await UseAsync(best);
        var unknown = Unknown();
        if (unknown.Count == 0)
        {
            using (GatewayTracing.Start(GatewayTracing.Refresh))
                await RefreshPoolAsync(job);
            unknown = Unknown();
        }
        var candidates = unknown.Select(s => new SelectionCandidate(s.Key, s.Price.PricePerPixel, s.Candidate.Stake)).ToList();
        if (orchestrators.Selection.Select(candidates, Random.Shared) is { } chosen)
            return await UseAsync(_sessions[chosen.Key]);
        return best is null ? null : await UseAsync(best);
    }

    private List<GatewaySession> Unknown() => [.. _sessions.Values.Where(s => s.LatencyScore is null)];

    /// <summary>Discovers the source's orchestrators that are not suspended (the least suspended ones when all are).</summary>
    private async Task RefreshPoolAsync(Capabilities job)
    {
        var suspender = state.State.Suspender;
        suspender.SignalRefresh();
        var all = await orchestrators.Source.GetCandidatesAsync(CancellationToken.None);
        var fresh = all.Where(c => !_sessions.ContainsKey(c.Uri.ToString())).ToList();
        var candidates = fresh.Where(c => suspender.Suspended(c.Uri.ToString()) == 0).ToList();
        // A suspended orchestrator comes back early only when no session at all is left to use.
        if (candidates.Count == 0 && _sessions.Count == 0)
            candidates = [.. fresh.OrderBy(c => suspender.Suspended(c.Uri.ToString())).Take(1)];
        var found = await orchestrators.Discovery.GetOrchestratorsAsync(candidates, candidates.Count, job, CancellationToken.None);
        foreach (var offer in found)
        {
            var session = new GatewaySession(offer.Candidate, offer.Info);
            if (orchestrators.Selection.Affordable([new SelectionCandidate(session.Key, session.Price.PricePerPixel, offer.Candidate.Stake)]).Count > 0)
                _sessions[session.Key] = session;
        }
    }

    private async Task<GatewaySession> UseAsync(GatewaySession session)
    {
        if (session != _current)
        {
            LivepeerMetrics.OrchestratorSelected("swapped");
            _current = session;
            await PersistAsync();
        }
        return session;
    }

    private async Task SuspendAsync(GatewaySession session)
    {
        _sessions.Remove(session.Key);
        if (_current == session)
            _current = null;
        // go-livepeer's SessionPool.suspend: ceil(numOrchs / selector size), so that a small pool suspends for several
        // refreshes instead of handing the failed orchestrator back at the very next one.
        var poolSize = (await orchestrators.Source.GetCandidatesAsync(CancellationToken.None)).Count;
        state.State.Suspender.Suspend(session.Key, Suspender.Penalty(poolSize, Math.Max(1, Unknown().Count)));
        await PersistAsync();
    }

    private Task PersistAsync()
    {
        state.State.Orchestrator = _current?.Key;
        state.State.Info = _current?.Info.ToByteArray();
        state.State.InitialPrice = _current?.InitialPrice;
        state.State.Credit = _current?.Balance.Credit ?? BigRational.Zero;
        return state.WriteStateAsync();
    }

    private async Task<TranscodeOutcome> TranscodeAsync(GatewaySession session, SourceSegment segment, IReadOnlyList<VideoProfile> profiles, Capabilities job)
    {
        var orchestrator = session.Candidate.Uri;
        if (session.ShouldRefresh(time.GetUtcNow(), clock.LastSeenL1Block))
        {
            using var refresh = GatewayTracing.Start(GatewayTracing.Refresh);
            session.Update(await RefreshAsync(orchestrator, job));
        }
        if (session.PriceIncrease() is { } increase)
            throw new OrchestratorException(orchestrator, increase);

        var price = session.Price;
        var gateway = orchestrators.Gateway;
        var ticketParams = WireConvert.FromWire(session.Info.TicketParams, price);
        var staged = session.Balance.Stage(SegmentFee.Estimate(profiles, segment.Duration, price), ticketParams.EV);
        var payment = new Payment { Sender = ByteString.CopyFrom(gateway.Address.Span), ExpectedPrice = WireConvert.ToWire(price) };
        if (staged.NumTickets > 0)
        {
            using var tickets = GatewayTracing.Start(GatewayTracing.Tickets);
            var batch = await GrainFactory.GetGrain<ITicketSenderGrain>(gateway.Address.ToString()).CreateTicketBatch(ticketParams, staged.NumTickets);
            if (batch.Error is { } error)
            {
                session.Balance.Restore(staged);
                throw new OrchestratorException(orchestrator, $"cannot pay: {error.Message}");
            }
            payment = WireConvert.ToWire(batch.Batch!, price);
        }

        SegData segData;
        using (GatewayTracing.Start(GatewayTracing.Credentials))
            segData = SegmentCredentials(session, segment, profiles, job);
        var started = Stopwatch.GetTimestamp();
        var duration = segment.Duration;
        TranscodeResult result;
        try
        {
            using var submit = GatewayTracing.Start(GatewayTracing.Submit);
            // go-livepeer's SubmitSegment timeouts: upload max(2 s, 0.5 × duration), whole call max(8 s, 4 × duration),
            // here at least the node's transcode deadline too, so that a slow CPU is not taken for a failing orchestrator.
            result = await orchestrators.Client.SubmitSegmentAsync(session.Transcoder, segData, payment, segment.Data,
                Max(TimeSpan.FromSeconds(2), duration / 2), Max(Max(TimeSpan.FromSeconds(8), duration * 4), options.Value.TranscodeTimeout), CancellationToken.None);
        }
        catch (OrchestratorException)
        {
            // Refused before any work (a non-200): tickets sent are spent, credit not sent is restored.
            if (staged.NumTickets == 0)
                session.Balance.Restore(staged);
            throw;
        }
        if (result.Info is { } fresh)
            session.Update(fresh);
        if (result.ResultCase == TranscodeResult.ResultOneofCase.Error)
        {
            if (NonRetryableErrors.IsNonRetryable(result.Error))
                return Failed(TranscodeErrorKind.InvalidInput, result.Error);
            throw new OrchestratorException(orchestrator, $"transcode failed: {result.Error}");
        }
        if (result.ResultCase != TranscodeResult.ResultOneofCase.Data || result.Data.Segments.Count != profiles.Count)
            throw new OrchestratorException(orchestrator, $"returned {result.Data?.Segments.Count ?? 0} renditions for {profiles.Count} profiles");

        var segments = result.Data.Segments;
        byte[][] renditions;
        using (GatewayTracing.Start(GatewayTracing.Download))
            renditions = await Task.WhenAll(segments.Select(s => orchestrators.Client.DownloadAsync(orchestrator, s.Url, CancellationToken.None)));
        using (GatewayTracing.Start(GatewayTracing.Verify))
            VerifySignature(session, orchestrator, renditions, result.Data.Sig);

        var transcoded = new TranscodedSegment(segment.SeqNo, duration,
            [.. profiles.Select((p, i) => new Rendition(p.Name, p.Width, p.Height, segments[i].Pixels, renditions[i]))]);
        session.Balance.Settle(staged, new BigRational(transcoded.TotalPixels, 1) * price.PricePerPixel);
        session.LatencyScore = Stopwatch.GetElapsedTime(started).TotalSeconds / Math.Max(1.5, duration.TotalSeconds);
        using (GatewayTracing.Start(GatewayTracing.Playlist))
            await KeepAsync(transcoded, segment.Format, profiles);
        return TranscodeOutcome.Success(transcoded);
    }

    /// <summary>
    /// Makes the segment's outcome durable before it is answered: its renditions in their own grain first, then the
    /// window's index and the credit in one write of this session's state, then the segments that left the window
    /// are cleared. A crash between the writes leaves at most an unlisted segment's renditions behind, never a listed
    /// segment without them. A failed write fails the push, which the gateway's caller retries.
    /// </summary>
    private async Task KeepAsync(TranscodedSegment transcoded, SegmentFormat format, IReadOnlyList<VideoProfile> profiles)
    {
        IReadOnlyList<long> evicted = [];
        if (format == SegmentFormat.MpegTs)
        {
            await SegmentGrain(transcoded.SeqNo).Store(transcoded);
            evicted = _playlist.Add(transcoded, profiles);
        }
        await PersistAsync();
        foreach (var seqNo in evicted)
        {
            try
            {
                await SegmentGrain(seqNo).Clear();
            }
            catch (Exception e)
            {
                // Only storage is lost: the segment is no longer listed, so it is never served.
                logger.LogWarning("Clearing HLS segment {ManifestId}/{SeqNo} failed: {Error}", this.GetPrimaryKeyString(), seqNo, e.Message);
            }
        }
    }

    private async Task<OrchestratorInfo> RefreshAsync(Uri orchestrator, Capabilities job)
    {
        using var timeout = new CancellationTokenSource(RefreshTimeout);
        try
        {
            return await orchestrators.Discovery.GetOrchestratorAsync(orchestrator, job, timeout.Token);
        }
        catch (OperationCanceledException e)
        {
            throw new OrchestratorException(orchestrator, "session refresh timed out", e);
        }
    }

    /// <summary>
    /// go-livepeer's <c>genSegCreds</c> (network.md §11.2): the profiles go in <c>fullProfiles</c> (MPEG-TS) or
    /// <c>fullProfiles2</c> (MP4) when they are plain, else in <c>fullProfiles3</c>; <c>profiles</c> says "invalid".
    /// </summary>
    private SegData SegmentCredentials(GatewaySession session, SourceSegment segment, IReadOnlyList<VideoProfile> profiles, Capabilities job)
    {
        var manifestId = ByteString.CopyFromUtf8(segment.ManifestId);
        var hash = Keccak256.Hash(segment.Data);
        var segData = new SegData
        {
            ManifestId = manifestId,
            Seq = segment.SeqNo,
            Hash = ByteString.CopyFrom(hash),
            Duration = (int)segment.Duration.TotalMilliseconds,
            Capabilities = job,
            AuthToken = session.Info.AuthToken,
            Profiles = ByteString.CopyFromUtf8("invalid"),
            Sig = ByteString.CopyFrom(orchestrators.Gateway.SignPersonalKeccak(
                WireSignatures.SegmentMessage(manifestId.Span, segment.SeqNo, hash, profiles.Select(p => p.Name)))),
        };
        var wire = profiles.Select(p => WireConvert.ToWire(p, segment.Format));
        var plain = profiles.All(p => p.FpsDen == 1 && p.Profile == EncoderProfile.None && p.GopSeconds is null);
        (plain ? segment.Format == SegmentFormat.Mp4 ? segData.FullProfiles2 : segData.FullProfiles : segData.FullProfiles3).AddRange(wire);
        return segData;
    }

    /// <summary>
    /// network.md §12: O's signature over the renditions, by its address or else its ticket recipient. The signer is
    /// recovered once and compared with both, rather than recovered once per candidate.
    /// </summary>
    private static void VerifySignature(GatewaySession session, Uri orchestrator, byte[][] renditions, ByteString sig)
    {
        var message = Keccak256.Hash(WireSignatures.TranscodeResultMessage(renditions));
        var valid = EthSignature.TryRecoverPersonal(message, sig.Span, out var signer) == SignatureCheck.Valid
            && (Is(session.Info.Address, signer) || Is(session.Info.TicketParams?.Recipient, signer));
        if (!valid)
            throw new OrchestratorException(orchestrator, "transcode result signature verification failed");

        static bool Is(ByteString? address, EthAddress? signer) => address?.Length == EthAddress.Length && signer == EthAddress.FromBytes(address.Span);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TranscodeOutcome Failed(TranscodeErrorKind kind, string message) => TranscodeOutcome.Failure(new TranscodeError(kind, message));
}
