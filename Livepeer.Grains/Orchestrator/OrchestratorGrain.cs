using Livepeer.Node;
using Livepeer.Transcoding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Streams;

namespace Livepeer.Orchestrator;

/// <summary>
/// Reentrant so that many segments can wait on workers at once while <see cref="IOrchestratorGrain.CompleteJob"/>
/// calls come back in.
/// </summary>
[Reentrant]
public sealed class OrchestratorGrain(IOptions<NodeOptions> options, ILogger<OrchestratorGrain> logger)
    : Grain, IOrchestratorGrain
{
    private readonly Dictionary<Guid, TaskCompletionSource<TranscodeOutcome>> _pending = [];
    private WorkerSlots _slots = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _slots = new WorkerSlots(this.GetPrimaryKeyString(), options.Value.TranscodeWorkers);
        return Task.CompletedTask;
    }

    async Task<TranscodeOutcome> IOrchestratorGrain.ProcessSegment(SourceSegment segment, IReadOnlyList<VideoProfile> profiles)
    {
        var job = new TranscodeJob(Guid.NewGuid(), this.GetPrimaryKeyString(), segment, profiles);
        var (slot, workerKey) = _slots.Acquire();
        var completion = new TaskCompletionSource<TranscodeOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[job.JobId] = completion;
        try
        {
            var stream = this.GetStreamProvider(TranscodeStreams.Provider)
                .GetStream<TranscodeJobChunk>(StreamId.Create(TranscodeStreams.Namespace, workerKey));
            foreach (var chunk in TranscodeJobChunks.Split(job))
                await stream.OnNextAsync(chunk);
            return await completion.Task.WaitAsync(options.Value.TranscodeTimeout);
        }
        catch (TimeoutException)
        {
            logger.LogError("Worker {Worker} did not finish {ManifestId}/{SeqNo} in time", workerKey, segment.ManifestId, segment.SeqNo);
            return TranscodeOutcome.Failure(new TranscodeError(TranscodeErrorKind.Internal, "transcode timed out"));
        }
        finally
        {
            _pending.Remove(job.JobId);
            _slots.Release(slot);
        }
    }

    Task IOrchestratorGrain.CompleteJob(Guid jobId, TranscodeOutcome outcome)
    {
        if (_pending.TryGetValue(jobId, out var completion))
            completion.TrySetResult(outcome);
        else
            logger.LogWarning("Outcome of unknown or expired job {JobId} ignored", jobId);
        return Task.CompletedTask;
    }
}
