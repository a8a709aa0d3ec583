using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Livepeer.GatewayApi.Apis.AI;

/// <summary>
/// Image-to-video jobs started with <c>Prefer: respond-async</c> (see shared spec: ai.md §2.8): each runs in the
/// background under a request id and its result is kept for polling for <see cref="Retention"/> after it completes.
/// </summary>
public sealed class AIAsyncJobs(TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Job> _jobs = new();

    /// <summary>Starts <paramref name="run"/>, which yields the <c>result</c> object (the response, or <c>{"error":{"message"}}</c>).</summary>
    public string Start(Func<Task<JsonNode>> run)
    {
        Sweep();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var job = new Job();
        _jobs[id] = job;
        job.Result = Task.Run(async () =>
        {
            JsonNode result;
            try
            {
                result = await run();
            }
            catch (Exception e)
            {
                result = new JsonObject { ["error"] = new JsonObject { ["message"] = e.Message } };
            }
            job.CompletedAt = time.GetUtcNow();
            return result;
        });
        return id;
    }

    /// <summary>The job's result task, or null for an id never issued or already dropped.</summary>
    public Task<JsonNode>? Find(string requestId) => _jobs.TryGetValue(requestId, out var job) ? job.Result : null;

    private void Sweep()
    {
        var cutoff = time.GetUtcNow() - Retention;
        foreach (var (id, job) in _jobs)
        {
            if (job.CompletedAt is { } completed && completed < cutoff)
                _jobs.TryRemove(id, out _);
        }
    }

    private sealed class Job
    {
        public Task<JsonNode> Result { get; set; } = null!;

        public DateTimeOffset? CompletedAt { get; set; }
    }
}
