namespace Livepeer.AI;

/// <summary>
/// Something that runs AI jobs for one (pipeline, model): an external ai-runner over HTTP or a built-in model.
/// A runner that cannot do the job at all (unreachable, timed out, failing) throws <see cref="AIRunnerUnavailableException"/>
/// so that the job is tried on another runner; an answer about the request itself (a 4xx) comes back as the result.
/// </summary>
public interface IAIRunner
{
    /// <summary>How logs and errors name the runner (its URL for an external one).</summary>
    string Name { get; }

    Task<AIResult> RunAsync(AIJob job, CancellationToken cancellationToken);

    /// <summary>The runner's <c>/health</c> status (<c>OK</c>, <c>IDLE</c>, <c>LOADING</c> or <c>ERROR</c>; see shared spec: ai.md §7.2).</summary>
    Task<string> CheckHealthAsync(CancellationToken cancellationToken);

    /// <summary>The runner's <c>/hardware/info</c> JSON.</summary>
    Task<string> GetHardwareInfoAsync(CancellationToken cancellationToken);
}

/// <summary>A runner that can hand over a streamed reply (server-sent events) while its runner is still sending it.</summary>
public interface IAIStreamingRunner : IAIRunner
{
    /// <summary>
    /// Starts the job; throws <see cref="AIRunnerUnavailableException"/> as <see cref="IAIRunner.RunAsync"/> does until
    /// the reply has begun. A reply that is not an event stream comes back whole.
    /// </summary>
    Task<AIRunnerReply> OpenAsync(AIJob job, CancellationToken cancellationToken);
}

/// <summary>
/// A runner's whole <paramref name="Result"/>, or its <paramref name="Events"/> read as they arrive (enumerating them
/// throws <see cref="AIRunnerUnavailableException"/> when the stream breaks).
/// </summary>
public sealed record AIRunnerReply(AIResult? Result, IAsyncEnumerable<string>? Events);

/// <summary>The runner could not do the job: the orchestrator tries another runner, then fails the request with a 5xx.</summary>
public sealed class AIRunnerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
