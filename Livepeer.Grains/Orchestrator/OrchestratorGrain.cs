using System.Security.Cryptography;
using Livepeer.AI;
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
    AIModels aiModels,
    ITimeManager clock,
    ILedger ledger,
    IGasPriceMonitor gasPrice,
    TimeProvider time,
    ILogger<OrchestratorGrain> logger,
    ITranscodeCapacity? capacity = null) : Grain, IOrchestratorGrain
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
    private SessionCapacity _capacity = null!;
    private Recipient _recipient = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var address = EthAddress.Parse(this.GetPrimaryKeyString());
        // A cluster with GPU silos takes as many sessions as its GPUs allow (workers are placed on those silos);
        // a CPU-only cluster takes the configured number.
        _stats.TranscodeCapacity = capacity?.GpuSessions() ?? options.Value.TranscodeWorkers;
        _slots = new WorkerSlots(address.ToString(), _stats.TranscodeCapacity);
        _capacity = new SessionCapacity(options.Value.MaxSessions, time);
        _recipient = new Recipient(address, RandomNumberGenerator.GetBytes(32), payments.TicketConfig, clock, _senders,
            gasPrice);
        this.RegisterGrainTimer(Cleanup, CleanupInterval, CleanupInterval);
        return Task.CompletedTask;
    }

    async Task<OrchestratorInfo> IOrchestratorGrain.GetOrchestratorInfo(EthAddress sender, PriceInfo price)
    {
        await RefreshSenderAsync(sender);
        var ticketParams = _recipient.TicketParams(sender, price);
        var hasCapacity = _capacity.HasRoomForNewSession();
        return ticketParams.IsSuccess
            ? new OrchestratorInfo(_recipient.Address, price, ticketParams.Value, null, hasCapacity)
            : new OrchestratorInfo(_recipient.Address, price, null, ticketParams.Error, hasCapacity);
    }

    async Task<SegmentAdmission> IOrchestratorGrain.AdmitSegment(SegmentPayment request)
    {
        using var scope = logger.BeginScope("{ManifestId} session {SessionId} from {Sender}", request.ManifestId, request.SessionId, request.Sender.ToString());
        switch (_capacity.TryEnter(request.SessionId))
        {
            case Admission.Capped:
                return new SegmentAdmission(SegmentAdmissionStatus.Capped, "OrchestratorCapped");
            case Admission.Busy:
                return new SegmentAdmission(SegmentAdmissionStatus.Busy, "OrchestratorBusy");
        }
        var admission = await ProcessPaymentAsync(request.Sender, request.ManifestId, request.Payment, request.ExpectedPrice, payments.Price);
        if (admission.Status != SegmentAdmissionStatus.Admitted)
        {
            _capacity.Leave(request.SessionId);
            _stats.SegmentsFailed++;
            LivepeerMetrics.SegmentFailed(admission.Status.ToString());
        }
        return admission;
    }

    async Task<TranscodeOutcome> IOrchestratorGrain.TranscodeSegment(SegmentWork work)
    {
        using var scope = logger.BeginScope("{ManifestId}/{SeqNo} from {Sender}", work.Segment.ManifestId, work.Segment.SeqNo, work.Sender.ToString());
        try
        {
            var started = time.GetTimestamp();
            var outcome = await TranscodeAsync(work.Segment, work.Profiles);
            if (outcome.Segment is { } transcoded)
            {
                LivepeerMetrics.SegmentTranscoded(work.Segment.Duration, time.GetElapsedTime(started));
                _stats.SegmentsTranscoded++;
                _stats.PixelsEncoded += transcoded.TotalPixels;
                var manifest = work.Segment.ManifestId;
                var price = _balances.FixedPrice(work.Sender, manifest) ?? work.ExpectedPrice;
                _balances.Debit(work.Sender, manifest, new BigRational(transcoded.TotalPixels, 1) * price.PricePerPixel);
            }
            else
            {
                _stats.SegmentsFailed++;
                LivepeerMetrics.SegmentFailed(outcome.Error?.Kind.ToString() ?? "unknown");
            }
            return outcome;
        }
        finally
        {
            _capacity.Leave(work.SessionId);
        }
    }

    Task IOrchestratorGrain.AbandonSegment(string sessionId)
    {
        _capacity.Leave(sessionId);
        _stats.SegmentsFailed++;
        return Task.CompletedTask;
    }

    Task IOrchestratorGrain.EndSession(string sessionId)
    {
        _capacity.End(sessionId);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Credits the tickets of a payment in go-livepeer's order, or fixes our price for an unpaid session, then checks
    /// the session has credit for one ticket's EV of work.
    /// </summary>
    private async Task<SegmentAdmission> ProcessPaymentAsync(
        EthAddress sender, string manifest, TicketBatch? payment, PriceInfo expectedPrice, PriceInfo ownPrice)
    {
        if (payment is not null)
        {
            await RefreshSenderAsync(payment.Sender);
            var receipt = PaymentProcessor.Process(_recipient, _balances, manifest, payment, expectedPrice);
            _stats.TicketsReceived += receipt.TicketsReceived;
            _stats.TicketsAccepted += receipt.TicketsAccepted;
            _stats.WinningTickets += receipt.WinningTickets.Count;
            // Winners are on disk before the payment is answered, whether or not the payment as a whole was accepted.
            if (receipt.WinningTickets.Count > 0)
                await GrainFactory.GetGrain<IWinningTicketQueueGrain>(this.GetPrimaryKeyString()).Enqueue(receipt.WinningTickets);
            // Counted once queued, so that winners received always equals winners redeemed plus those still queued.
            LivepeerMetrics.PaymentReceived(receipt.TicketsReceived, receipt.Credited, receipt.WinningTickets.Count, receipt.Error is not null);
            if (receipt.Error is { } error)
                return new SegmentAdmission(SegmentAdmissionStatus.PaymentRejected, error.Message);
        }
        else
        {
            // Without tickets nothing binds a price the gateway names: an unpaid session is priced at ours.
            _balances.FixPrice(sender, manifest, ownPrice);
        }
        return PaymentProcessor.HasSufficientBalance(_balances, sender, manifest, _recipient.EV)
            ? SegmentAdmission.Admitted
            : new SegmentAdmission(SegmentAdmissionStatus.InsufficientBalance, "Insufficient balance");
    }

    async Task<OrchestratorInfo?> IOrchestratorGrain.GetAIOrchestratorInfo(EthAddress sender, string pipeline, string modelId)
    {
        if (!aiModels.Offers(pipeline, modelId))
            return null;
        await RefreshSenderAsync(sender);
        var price = aiModels.Price(pipeline, modelId);
        var ticketParams = _recipient.TicketParams(sender, price);
        return ticketParams.IsSuccess
            ? new OrchestratorInfo(_recipient.Address, price, ticketParams.Value, null)
            : new OrchestratorInfo(_recipient.Address, price, null, ticketParams.Error);
    }

    async Task<AIResult> IOrchestratorGrain.ProcessAIJob(AIJobRequest request)
    {
        var (admitted, refusal) = await AdmitAIJobAsync(request);
        if (refusal is not null)
            return refusal;
        return CompleteAIJob(request, admitted, await admitted.Pipeline.Run(request.Job, admitted.Runner));
    }

    async IAsyncEnumerable<AIStreamItem> IOrchestratorGrain.ProcessAIStream(AIJobRequest request)
    {
        var (admitted, refusal) = await AdmitAIJobAsync(request);
        if (refusal is not null)
        {
            yield return AIStreamItem.Ended(refusal);
            yield break;
        }
        await foreach (var item in admitted.Pipeline.RunStream(request.Job, admitted.Runner))
            yield return item.End is { } end ? AIStreamItem.Ended(CompleteAIJob(request, admitted, end)) : item;
    }

    /// <summary>
    /// go-livepeer's handleAIRequest order up to the job (see shared spec: ai.md §5): units, capacity, payment,
    /// balance. A request refused for capacity leaves its tickets uncredited; a refused payment gives its slot back.
    /// </summary>
    private async Task<(AIAdmission Admitted, AIResult? Refusal)> AdmitAIJobAsync(AIJobRequest request)
    {
        var job = request.Job;
        if (!aiModels.Offers(job.Pipeline, job.ModelId))
            return (default, Refuse(new AIError(503, $"no runner for model {job.ModelId}")));
        var (units, unitsError) = await AIUnits.ComputeAsync(job);
        if (unitsError is not null)
            return (default, Refuse(unitsError));
        var pipeline = GrainFactory.GetGrain<IAIPipelineGrain>(AIPipelines.PipelineKey(job.Pipeline, job.ModelId));
        var slot = await pipeline.Reserve();
        if (slot.Error is { } capacityError)
            return (default, Refuse(capacityError));

        var manifest = AIPipelines.BillingManifest(job.Pipeline, job.ModelId);
        SegmentAdmission admission;
        try
        {
            admission = await ProcessPaymentAsync(request.Sender, manifest, request.Payment, request.ExpectedPrice, aiModels.Price(job.Pipeline, job.ModelId));
        }
        catch
        {
            await pipeline.Release(slot.Runner);
            throw;
        }
        if (admission.Status != SegmentAdmissionStatus.Admitted)
        {
            await pipeline.Release(slot.Runner);
            _stats.AIJobsFailed++;
            var reason = admission.Status == SegmentAdmissionStatus.PaymentRejected ? $"payment error: {admission.Reason}" : admission.Reason;
            return (default, AIResult.Failure(402, reason!));
        }
        return (new AIAdmission(pipeline, slot.Runner, units, manifest), null);
    }

    /// <summary>Debits a job that ran: its units × the price fixed for the sender.</summary>
    private AIResult CompleteAIJob(AIJobRequest request, AIAdmission admitted, AIResult result)
    {
        if (result.Error is not null)
        {
            _stats.AIJobsFailed++;
            return result;
        }
        _stats.AIJobsProcessed++;
        _stats.AIUnits += admitted.Units;
        var price = _balances.FixedPrice(request.Sender, admitted.Manifest) ?? request.ExpectedPrice;
        _balances.Debit(request.Sender, admitted.Manifest, new BigRational(admitted.Units, 1) * price.PricePerPixel);
        return result with { Units = admitted.Units };
    }

    private readonly record struct AIAdmission(IAIPipelineGrain Pipeline, int Runner, long Units, string Manifest);

    private AIResult Refuse(AIError error)
    {
        _stats.AIJobsFailed++;
        return AIResult.Refused(error);
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
}
