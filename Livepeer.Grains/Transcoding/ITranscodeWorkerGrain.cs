namespace Livepeer.Transcoding;

/// <summary>
/// A transcoding slot: receives <see cref="TranscodeJob"/>s on the <c>transcode/{key}</c> stream, runs them one at a
/// time on the silo's engine, and reports each outcome to the orchestrator grain that sent it.
/// </summary>
/// <remarks>It has no methods of its own: it is reached only through its stream.</remarks>
public interface ITranscodeWorkerGrain : IGrainWithStringKey;
