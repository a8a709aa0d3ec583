using Livepeer.Node;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Livepeer.AI;

/// <summary>
/// Reentrant so that jobs run side by side up to the capacity while health checks come in; the slot accounting lives
/// in <see cref="AIRunnerSlots"/>.
/// </summary>
[Reentrant]
[WorkerPlacement]
public sealed class AIPipelineGrain(AIModels models, IOptions<NodeOptions> options, ILogger<AIPipelineGrain> logger)
    : Grain, IAIPipelineGrain
{
    /// <summary>A job is tried on at most this many runners before the request fails.</summary>
    public const int MaxAttempts = 3;

    private string _pipeline = "";
    private string _modelId = "";
    private IReadOnlyList<AIRunnerEntry> _runners = [];
    private AIRunnerSlots _slots = null!;
    private string?[] _health = [];
    private string?[] _hardware = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_pipeline, _modelId) = AIPipelines.ParsePipelineKey(this.GetPrimaryKeyString());
        _runners = models.Runners(_pipeline, _modelId);
        _slots = new AIRunnerSlots([.. _runners.Select(r => r.Capacity)]);
        _health = new string?[_runners.Count];
        _hardware = new string?[_runners.Count];
        if (_runners.Count > 0)
        {
            var interval = options.Value.AIHealthCheckInterval;
            this.RegisterGrainTimer(CheckHealthAsync, TimeSpan.Zero, interval);
        }
        return Task.CompletedTask;
    }

    Task<AISlot> IAIPipelineGrain.Reserve()
    {
        if (_runners.Count == 0)
            return Task.FromResult(AISlot.Refused(503, $"no runner for model {_modelId}"));
        return Task.FromResult(_slots.TryReserve([], out var runner) switch
        {
            AIReservation.Reserved => new AISlot(runner, null),
            AIReservation.InsufficientCapacity => AISlot.Refused(503, "insufficient capacity"),
            _ => AISlot.Refused(503, $"no runner for model {_modelId} is ready"),
        });
    }

    Task IAIPipelineGrain.Release(int runner)
    {
        _slots.Release(runner);
        return Task.CompletedTask;
    }

    async Task<AIResult> IAIPipelineGrain.Run(AIJob job, int reservedRunner)
    {
        var runner = reservedRunner;
        var tried = new List<int>();
        var failures = new List<string>();
        while (true)
        {
            try
            {
                var result = await _runners[runner].Runner.RunAsync(job, CancellationToken.None);
                _slots.Report(runner, healthy: true);
                return result;
            }
            catch (AIRunnerUnavailableException e)
            {
                logger.LogWarning("{Pipeline} {ModelId}: {Failure}; trying another runner", _pipeline, _modelId, e.Message);
                _slots.Report(runner, healthy: false);
                failures.Add(e.Message);
                tried.Add(runner);
            }
            finally
            {
                _slots.Release(runner);
            }
            // The failed runner's slot is back; another runner needs a slot of its own.
            if (tried.Count >= MaxAttempts || _slots.TryReserve(tried, out runner) != AIReservation.Reserved)
                break;
        }
        return AIResult.Failure(502, $"{_pipeline} {_modelId} failed on every runner tried: {string.Join("; ", failures)}");
    }

    async IAsyncEnumerable<AIStreamItem> IAIPipelineGrain.RunStream(AIJob job, int reservedRunner)
    {
        var runner = reservedRunner;
        var tried = new List<int>();
        var failures = new List<string>();
        AIRunnerReply? reply = null;
        try
        {
            // Failover as in Run, up to the moment the runner's reply begins; after that the client has events.
            while (reply is null && runner >= 0)
            {
                try
                {
                    reply = await OpenAsync(_runners[runner].Runner, job);
                    _slots.Report(runner, healthy: true);
                }
                catch (AIRunnerUnavailableException e)
                {
                    logger.LogWarning("{Pipeline} {ModelId}: {Failure}; trying another runner", _pipeline, _modelId, e.Message);
                    _slots.Report(runner, healthy: false);
                    failures.Add(e.Message);
                    tried.Add(runner);
                    _slots.Release(runner);
                    if (tried.Count >= MaxAttempts || _slots.TryReserve(tried, out runner) != AIReservation.Reserved)
                        runner = -1;
                }
            }
            if (reply is null)
            {
                yield return AIStreamItem.Ended(AIResult.Failure(502, $"{_pipeline} {_modelId} failed on every runner tried: {string.Join("; ", failures)}"));
                yield break;
            }
            if (reply.Events is not { } stream)
            {
                yield return AIStreamItem.Ended(reply.Result!);
                yield break;
            }
            await using var events = stream.GetAsyncEnumerator();
            while (true)
            {
                var (more, failure) = await NextAsync(events);
                if (failure is not null)
                {
                    _slots.Report(runner, healthy: false);
                    yield return AIStreamItem.Ended(AIResult.Failure(502, failure));
                    yield break;
                }
                if (!more)
                    break;
                yield return new AIStreamItem(events.Current, null);
            }
            yield return AIStreamItem.Ended(new AIResult(null, null, null, 0));
        }
        finally
        {
            if (runner >= 0)
                _slots.Release(runner);
        }
    }

    private static Task<AIRunnerReply> OpenAsync(IAIRunner runner, AIJob job) => runner is IAIStreamingRunner streaming
        ? streaming.OpenAsync(job, CancellationToken.None)
        : RunWholeAsync(runner, job);

    private static async Task<AIRunnerReply> RunWholeAsync(IAIRunner runner, AIJob job) =>
        new(await runner.RunAsync(job, CancellationToken.None), null);

    private static async Task<(bool More, string? Failure)> NextAsync(IAsyncEnumerator<string> events)
    {
        try
        {
            return (await events.MoveNextAsync(), null);
        }
        catch (AIRunnerUnavailableException e)
        {
            return (false, e.Message);
        }
    }

    Task<AIPipelineStatus> IAIPipelineGrain.GetStatus() => Task.FromResult(new AIPipelineStatus(
        _pipeline, _modelId, models.IsWarm(_pipeline, _modelId), _slots.Capacity, _slots.InUse,
        [.. _runners.Select((r, i) => new AIRunnerStatus(r.Runner.Name, r.Capacity, _slots.InUseBy(i), _slots.IsUp(i), _health[i], _hardware[i]))]));

    /// <summary>
    /// go-livepeer's readiness check (see shared spec: ai.md §7.2): <c>/health</c> with a 5 s deadline; any status but
    /// <c>ERROR</c> is up; <c>/hardware/info</c> is read once a runner is up.
    /// </summary>
    private async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < _runners.Count; i++)
        {
            var runner = _runners[i].Runner;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                var status = await runner.CheckHealthAsync(deadline.Token);
                _health[i] = status;
                _slots.Report(i, healthy: status != "ERROR");
                if (status != "ERROR" && _hardware[i] is null)
                    _hardware[i] = await runner.GetHardwareInfoAsync(deadline.Token);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
            {
                _health[i] = $"unreachable: {e.Message}";
                _slots.Report(i, healthy: false);
            }
        }
    }
}
