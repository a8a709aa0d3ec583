using Orleans.Concurrency;

namespace Livepeer.Transcoding;

/// <summary>
/// A transcoding slot: receives <see cref="TranscodeJob"/>s on the <c>transcode/{key}</c> stream, runs them one at a
/// time on the silo's engine, and reports each outcome to the orchestrator grain that sent it.
/// </summary>
/// <remarks>Jobs reach it only through its stream; its one method lets the orchestrator tell a lost job from a slow one.</remarks>
public interface ITranscodeWorkerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Whether this activation has the job: being assembled, queued, running, or done but not yet reported. A worker
    /// activated afresh after its silo died holds nothing. Interleaved: it reads only, and must answer while the
    /// worker waits on its stream.
    /// </summary>
    [AlwaysInterleave, ReadOnly]
    Task<bool> HoldsJob(Guid jobId);
}
