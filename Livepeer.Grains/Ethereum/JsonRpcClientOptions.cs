namespace Livepeer.Ethereum;

/// <summary>Where a <see cref="JsonRpcClient"/> sends requests and how it retries transient failures.</summary>
public sealed record JsonRpcClientOptions(Uri Endpoint)
{
    /// <summary>Limit for one HTTP attempt; go-livepeer's <c>ethRPCTimeout</c> is 20 s (shared spec §15.1).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Retries after the first attempt for transient failures; 0 disables retrying.</summary>
    public int MaxRetryAttempts { get; init; } = 4;

    /// <summary>First retry delay; later ones double, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often <see cref="JsonRpcClient.WaitForReceiptAsync"/> asks for the receipt.</summary>
    public TimeSpan ReceiptPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}
