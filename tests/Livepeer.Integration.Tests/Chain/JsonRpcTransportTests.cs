using System.Diagnostics;
using Livepeer.Ethereum;
using Livepeer.Integration.Tests.Media;

namespace Livepeer.Integration.Tests.Chain;

public sealed class JsonRpcTransportTests
{
    [Fact]
    public async Task A_closed_port_is_retried_then_fails_clearly_within_a_bounded_time()
    {
        var endpoint = new Uri($"http://127.0.0.1:{FreePorts.Next()}/"); // nothing listens there
        using var http = new HttpClient();
        var rpc = new JsonRpcClient(http, new JsonRpcClientOptions(endpoint)
        {
            MaxRetryAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        });
        var watch = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<JsonRpcTransportException>(() => rpc.BlockNumberAsync());

        Assert.Equal(4, failure.Attempts);
        Assert.Equal("eth_blockNumber", failure.Method);
        Assert.Contains($"eth_blockNumber to {endpoint} failed after 4 attempts", failure.Message, StringComparison.Ordinal);
        Assert.Contains("refused", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.IsType<HttpRequestException>(failure.InnerException);
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }
}
