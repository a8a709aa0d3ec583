using Livepeer.Node;
using Livepeer.Orchestrator;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Livepeer.Transcoding;

[ImplicitStreamSubscription(TranscodeStreams.Namespace)]
[PreferGpuSilos]
[WorkerPlacement]
public sealed class TranscodeWorkerGrain(ISegmentTranscoder transcoder, ILogger<TranscodeWorkerGrain> logger)
    : Grain, ITranscodeWorkerGrain
{
    private readonly Queue<TranscodeJob> _queue = new();
    private readonly TranscodeJobAssembler _assembler = new();
    private Task _draining = Task.CompletedTask;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(TranscodeStreams.Provider)
            .GetStream<TranscodeJobChunk>(StreamId.Create(TranscodeStreams.Namespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync(OnJobAsync);
    }

    /// <summary>
    /// Returns at once so the stream's pulling agent is not held for the length of a transcode; jobs run one at a
    /// time in arrival order.
    /// </summary>
    private Task OnJobAsync(TranscodeJobChunk chunk, StreamSequenceToken? token)
    {
        TranscodeJob? job;
        try
        {
            job = _assembler.Add(chunk);
        }
        catch (InvalidDataException e)
        {
            // The orchestrator's deadline reports the lost job to its client.
            logger.LogError("Dropped a malformed job stream: {Reason}", e.Message);
            return Task.CompletedTask;
        }
        if (job is null)
            return Task.CompletedTask;
        _queue.Enqueue(job);
        if (_draining.IsCompleted)
            _draining = DrainAsync();
        return Task.CompletedTask;
    }

    Task<bool> ITranscodeWorkerGrain.HoldsJob(Guid jobId) =>
        Task.FromResult(_assembler.IsAssembling(jobId) || _queue.Any(job => job.JobId == jobId));

    private async Task DrainAsync()
    {
        while (_queue.TryPeek(out var job))
        {
            var outcome = await RunAsync(job);
            try
            {
                await GrainFactory.GetGrain<IOrchestratorGrain>(job.OrchestratorId).CompleteJob(job.JobId, outcome);
            }
            catch (Exception e)
            {
                // The orchestrator's own deadline turns the missing outcome into an error for the client.
                logger.LogError(e, "Could not report job {JobId} to orchestrator {OrchestratorId}", job.JobId, job.OrchestratorId);
            }
            // Held until reported, so that the orchestrator's probe never takes a finished job for a lost one.
            _queue.Dequeue();
        }
    }

    private async Task<TranscodeOutcome> RunAsync(TranscodeJob job)
    {
        var segment = job.Segment;
        try
        {
            // The engine blocks on frame scaling; keep it off the grain's scheduler.
            var result = await Task.Run(() => transcoder.TranscodeAsync(segment, job.Profiles, CancellationToken.None));
            logger.LogInformation("Transcoded {ManifestId}/{SeqNo} into {Renditions} renditions", segment.ManifestId, segment.SeqNo, result.Renditions.Count);
            return TranscodeOutcome.Success(result);
        }
        catch (TranscodeException e)
        {
            logger.LogWarning("Transcode of {ManifestId}/{SeqNo} failed ({Kind}): {Reason}", segment.ManifestId, segment.SeqNo, e.Kind, e.Message);
            return TranscodeOutcome.Failure(e.ToError());
        }
        catch (Exception e)
        {
            logger.LogError(e, "Transcode of {ManifestId}/{SeqNo} crashed", segment.ManifestId, segment.SeqNo);
            return TranscodeOutcome.Failure(new TranscodeError(TranscodeErrorKind.Internal, "transcoder error"));
        }
    }
}
