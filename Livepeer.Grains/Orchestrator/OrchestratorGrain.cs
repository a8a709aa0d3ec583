using System.Security.Cryptography;
using Livepeer.Crypto;
using Livepeer.Monitoring;
using Livepeer.Node;
using Livepeer.Payments;
using Livepeer.Protocol;
using Livepeer.Transcoding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Streams;

namespace Livepeer.Orchestrator;

/// <summary>
/// Reentrant so that many segments can wait on workers at once while <see cref="IOrchestratorGrain.CompleteJob"/>
/// calls come back in. Its recipient secret lives in memory only, as in go-livepeer: a new activation invalidates
/// outstanding ticket params and gateways fetch fresh ones.
/// </summary>
[OrchestratorPlacement]
[Reentrant]
public sealed class OrchestratorGrain(
    IOptions<NodeOptions> options,
    NodePayments payments,
    ITimeManager clock,
    ILedger ledger,
    TimeProvider time,
    ILogger<OrchestratorGrain> logger) : Grain, IOrchestratorGrain
{
    /// <summary>How often seen nonces of expired params and idle balances are dropped (one L1 block).</summary>
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromSeconds(12);

    /// <summary>How often a worker is asked whether it still holds a job in flight.</summary>
    private static readonly TimeSpan WorkerProbeInterval = TimeSpan.FromSeconds(1);

    /// <summary>"Not held" answers in a row before a job is sent again: enough for a job still in its stream queue.</summary>
    private const int MissesBeforeResend = 5;

    /// <summary>How long sending a job's chunks may take before the send counts as failed (its queue's silo died).</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<Guid, TaskCompletionSource<TranscodeOutcome>> _pending = [];
    private readonly SenderMonitor _senders = new(transcoderPoolSize: 1);
    private readonly Balances _balances = new(time);
    private readonly OrchestratorStats _stats = new();
    private WorkerSlots _slots = null!;
    private Recipient _recipient = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var address = EthAddress.Parse(this.GetPrimaryKeyString());
        _slots = new WorkerSlots(address.ToString(), options.Value.TranscodeWorkers);
        _recipient = new Recipient(address, RandomNumberGenerator.GetBytes(32), payments.TicketConfig, clock, _senders,
            new FixedGasPrice(payments.EmbeddedGasPrice));
        this.RegisterGrainTimer(Cleanup, CleanupInterval, CleanupInterval);
        return Task.CompletedTask;
    }

    async Task<OrchestratorInfo> IOrchestratorGrain.GetOrchestratorInfo(EthAddress sender)
    {
        await RefreshSenderAsync(sender);
        var price = payments.Price;
        var ticketParams = _recipient.TicketParams(sender, price);
        return ticketParams.IsSuccess
            ? new OrchestratorInfo(_recipient.Address, price, ticketParams.Value, null)
            : new OrchestratorInfo(_recipient.Address, price, null, ticketParams.Error);
    }

    async Task<TranscodeOutcome> IOrchestratorGrain.ProcessSegment(SegmentRequest request)
    {
        var manifest = request.Segment.ManifestId;
        using var scope = logger.BeginScope("{ManifestId}/{SeqNo} from {Sender}", manifest, request.Segment.SeqNo, request.Sender.ToString());
        if (request.Payment is { } payment)
        {
            await RefreshSenderAsync(payment.Sender);
            var receipt = PaymentProcessor.Process(_recipient, _balances, manifest, payment, request.ExpectedPrice);
            LivepeerMetrics.PaymentReceived(receipt.TicketsReceived, receipt.Credited, receipt.WinningTickets.Count, receipt.Error is not null);
            _stats.TicketsReceived += receipt.TicketsReceived;
            _stats.TicketsAccepted += receipt.TicketsAccepted;
            _stats.WinningTickets += receipt.WinningTickets.Count;
            // Winners are on disk before the payment is answered, whether or not the payment as a whole was accepted.
            if (receipt.WinningTickets.Count > 0)
                await GrainFactory.GetGrain<IWinningTicketQueueGrain>(this.GetPrimaryKeyString()).Enqueue(receipt.WinningTickets);
            if (receipt.Error is { } error)
                return Rejected($"payment error: {error.Message}");
        }
        else
        {
            // Without tickets nothing binds a price the gateway names: an unpaid session is priced at ours.
            _balances.FixPrice(request.Sender, manifest, payments.Price);
        }
        if (!PaymentProcessor.HasSufficientBalance(_balances, request.Sender, manifest, _recipient.EV))
            return Rejected("Insufficient balance");

        var started = time.GetTimestamp();
        var outcome = await TranscodeAsync(request.Segment, request.Profiles);
        if (outcome.Segment is { } transcoded)
        {
            LivepeerMetrics.SegmentTranscoded(request.Segment.Duration, time.GetElapsedTime(started));
            _stats.SegmentsTranscoded++;
            _stats.PixelsEncoded += transcoded.TotalPixels;
            var price = _balances.FixedPrice(request.Sender, manifest) ?? request.ExpectedPrice;
            _balances.Debit(request.Sender, manifest, new BigRational(transcoded.TotalPixels, 1) * price.PricePerPixel);
        }
        else
        {
            _stats.SegmentsFailed++;
            LivepeerMetrics.SegmentFailed(outcome.Error?.Kind.ToString() ?? "unknown");
        }
        return outcome;
    }

    Task IOrchestratorGrain.CompleteJob(Guid jobId, TranscodeOutcome outcome)
    {
        if (_pending.TryGetValue(jobId, out var completion))
            completion.TrySetResult(outcome);
        else
            logger.LogWarning("Outcome of unknown or expired job {JobId} ignored", jobId);
        return Task.CompletedTask;
    }

    Task<OrchestratorStats> IOrchestratorGrain.GetStats() => Task.FromResult(_stats with { SegmentsInFlight = _slots.InFlight });

    Task<BigRational> IOrchestratorGrain.GetBalance(EthAddress sender, string manifestId) =>
        Task.FromResult(_balances.Balance(sender, manifestId));

    /// <summary>
    /// Streams the job to a worker slot and waits for its outcome, asking the worker every
    /// <see cref="WorkerProbeInterval"/> whether it still holds the job: when its silo died or its stream queue was
    /// lost the job goes out again (under a new id, to the same slot, now activated on a live worker silo).
    /// </summary>
    private async Task<TranscodeOutcome> TranscodeAsync(SourceSegment segment, IReadOnlyList<VideoProfile> profiles)
    {
        var (slot, workerKey) = _slots.Acquire();
        var worker = GrainFactory.GetGrain<ITranscodeWorkerGrain>(workerKey);
        var completion = new TaskCompletionSource<TranscodeOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var jobIds = new List<Guid>();
        var watch = new JobWatch(MissesBeforeResend);
        var deadline = time.GetUtcNow() + options.Value.TranscodeTimeout;
        try
        {
            var jobId = await SendAsync(segment, profiles, workerKey, completion, jobIds, watch);
            while (!completion.Task.IsCompleted && time.GetUtcNow() < deadline)
            {
                var wait = TimeSpan.FromTicks(Math.Min(WorkerProbeInterval.Ticks, (deadline - time.GetUtcNow()).Ticks));
                await Task.WhenAny(completion.Task, Task.Delay(wait, time));
                if (completion.Task.IsCompleted)
                    break;
                if (watch.ShouldResend(await ProbeAsync(worker, jobId)))
                {
                    logger.LogWarning("Worker {Worker} lost job {JobId} of {ManifestId}/{SeqNo}; sending it again",
                        workerKey, jobId, segment.ManifestId, segment.SeqNo);
                    LivepeerMetrics.TranscodeRetried();
                    jobId = await SendAsync(segment, profiles, workerKey, completion, jobIds, watch);
                }
            }
            // A send or a probe may outlast the deadline while the outcome arrives: an outcome in hand wins.
            if (completion.Task.IsCompleted)
                return await completion.Task;
            logger.LogError("Worker {Worker} did not finish {ManifestId}/{SeqNo} in time", workerKey, segment.ManifestId, segment.SeqNo);
            return TranscodeOutcome.Failure(new TranscodeError(TranscodeErrorKind.Internal, "transcode timed out"));
        }
        finally
        {
            foreach (var id in jobIds)
                _pending.Remove(id);
            _slots.Release(slot);
        }
    }

    private async Task<Guid> SendAsync(SourceSegment segment, IReadOnlyList<VideoProfile> profiles, string workerKey,
        TaskCompletionSource<TranscodeOutcome> completion, List<Guid> jobIds, JobWatch watch)
    {
        var job = new TranscodeJob(Guid.NewGuid(), this.GetPrimaryKeyString(), segment, profiles);
        jobIds.Add(job.JobId);
        _pending[job.JobId] = completion;
        try
        {
            var stream = this.GetStreamProvider(TranscodeStreams.Provider)
                .GetStream<TranscodeJobChunk>(StreamId.Create(TranscodeStreams.Namespace, workerKey));
            foreach (var chunk in TranscodeJobChunks.Split(job))
                await stream.OnNextAsync(chunk).WaitAsync(SendTimeout, time);
            watch.OnSent(true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The stream's queue was on a silo that is going away; the next probe sends the job again.
            logger.LogWarning("Sending job {JobId} to worker {Worker} failed: {Error}", job.JobId, workerKey, e.Message);
            watch.OnSent(false);
        }
        return job.JobId;
    }

    private async Task<bool?> ProbeAsync(ITranscodeWorkerGrain worker, Guid jobId)
    {
        try
        {
            return await worker.HoldsJob(jobId).WaitAsync(WorkerProbeInterval, time);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Its silo is unreachable but not yet declared dead, or too busy to answer: ask again on the next probe.
            logger.LogDebug("Probing worker {Worker} failed: {Error}", worker.GetPrimaryKeyString(), e.Message);
            return null;
        }
    }

    private Task Cleanup(CancellationToken cancellationToken)
    {
        _recipient.CleanupSenderNonces(clock.LastSeenL1Block);
        _balances.Sweep();
        return Task.CompletedTask;
    }

    private async Task RefreshSenderAsync(EthAddress sender) =>
        _senders.Update(sender, await ledger.GetSenderInfoAsync(sender));

    private TranscodeOutcome Rejected(string message)
    {
        _stats.SegmentsFailed++;
        LivepeerMetrics.SegmentFailed(nameof(TranscodeErrorKind.PaymentRejected));
        return TranscodeOutcome.Failure(new TranscodeError(TranscodeErrorKind.PaymentRejected, message));
    }
}
