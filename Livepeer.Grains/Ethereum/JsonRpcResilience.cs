using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Livepeer.Ethereum;

/// <summary>
/// The one retry policy for Ethereum JSON-RPC: each attempt is bounded by <see cref="JsonRpcClientOptions.RequestTimeout"/>,
/// and transient failures (connection errors, timeouts, HTTP 429 and 5xx without a JSON-RPC answer) are retried a bounded
/// number of times with exponential back-off and jitter. A JSON-RPC error is the node's answer and is never retried.
/// </summary>
internal static partial class JsonRpcResilience
{
    /// <summary>The JSON-RPC method of the request being executed, for the retry log.</summary>
    public static readonly ResiliencePropertyKey<string> Method = new("Livepeer.JsonRpc.Method");

    public static ResiliencePipeline Create(JsonRpcClientOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && IsTransient(e, args.Context.CancellationToken)),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                OnRetry = args =>
                {
                    LogRetry(logger, args.Context.Properties.GetValue(Method, "?"), options.Endpoint, args.AttemptNumber + 1,
                        args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                    return default;
                },
            });
        }

        return builder.AddTimeout(options.RequestTimeout).Build();
    }

    /// <summary>True for a failure that a later attempt may not have; <paramref name="caller"/> cancelling is not one.</summary>
    public static bool IsTransient(Exception e, CancellationToken caller) => e switch
    {
        HttpRequestException or IOException or TimeoutRejectedException or TransientHttpStatusException => true,
        // HttpClient.Timeout surfaces as a cancellation that the caller did not ask for.
        OperationCanceledException => !caller.IsCancellationRequested,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "JSON-RPC {Method} to {Endpoint}: attempt {Attempt} failed ({Error}); retrying in {DelayMs:0} ms")]
    private static partial void LogRetry(ILogger logger, string method, Uri endpoint, int attempt, double delayMs, string? error);
}

/// <summary>An HTTP status that says "try again later" (429, 502–504, or a 5xx without a JSON-RPC answer).</summary>
internal sealed class TransientHttpStatusException(int status, string body)
    : Exception($"HTTP {status}{(body.Length == 0 ? "" : ": " + body)}");

/// <summary>A reply that is not JSON-RPC (an HTTP error page, or JSON without result or error); retrying will not help.</summary>
internal sealed class NotJsonRpcAnswerException(string message) : Exception(message);
