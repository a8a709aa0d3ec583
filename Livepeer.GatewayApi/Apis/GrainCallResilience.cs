using Polly;
using Polly.Retry;

namespace Livepeer.GatewayApi.Apis;

/// <summary>
/// The one retry policy for the gateway's Orleans calls. Grains answer failures as values, so an exception is the
/// cluster's: a silo that died mid-call (until membership declares it dead, ≈1–2 s with the fleet's probe settings),
/// a silo shutting down, or grain storage unreachable while Redis restarts. Such calls are made again with back-off
/// for up to about 10 s. A call that timed out is not: it already took the whole response timeout.
/// </summary>
public static class GrainCallResilience
{
    public static ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e, args.Context.CancellationToken)),
            MaxRetryAttempts = 8,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(2),
        })
        .Build();

    public static bool IsTransient(Exception e, CancellationToken caller) => e switch
    {
        TimeoutException => false,
        OperationCanceledException => !caller.IsCancellationRequested,
        _ => true,
    };
}
