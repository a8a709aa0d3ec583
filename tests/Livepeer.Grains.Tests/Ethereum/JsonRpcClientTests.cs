using System.Net;
using System.Text;
using System.Text.Json;
using Livepeer.Crypto;
using Livepeer.Ethereum;

namespace Livepeer.Grains.Tests.Ethereum;

/// <summary>The client against scripted HTTP replies: wire format, parsing, error typing and which failures are retried.</summary>
public class JsonRpcClientTests
{
    private const string Hash = "0x1111111111111111111111111111111111111111111111111111111111111111";
    private const string ParentHash = "0x2222222222222222222222222222222222222222222222222222222222222222";

    [Theory]
    [InlineData("\"0x1234\"", 0x1234L)] // Arbitrum nodes
    [InlineData("4660", 4660L)] // anvil --chain-id 42161
    [InlineData(null, null)] // other chains
    public async Task Reads_l1BlockNumber_as_a_hex_string_or_a_number(string? l1BlockNumber, long? expected)
    {
        var l1 = l1BlockNumber is null ? "" : $", \"l1BlockNumber\": {l1BlockNumber}";
        var node = new ScriptedNode(Result(
            $"{{\"number\": \"0x5\", \"hash\": \"{Hash}\", \"parentHash\": \"{ParentHash}\", \"timestamp\": \"0x64\", \"baseFeePerGas\": \"0x3b9aca00\"{l1}}}"));

        var header = await node.Client().GetBlockByNumberAsync(BlockParameter.Latest);

        Assert.NotNull(header);
        Assert.Equal(5, header.Number);
        Assert.Equal(Hash32.Parse(Hash), header.Hash);
        Assert.Equal(Hash32.Parse(ParentHash), header.ParentHash);
        Assert.Equal(100, header.Timestamp);
        Assert.Equal(1_000_000_000, header.BaseFeePerGas);
        Assert.Equal(expected, header.L1BlockNumber);
        Assert.Equal(expected ?? 5, header.ContractBlockNumber);
    }

    [Fact]
    public async Task Sends_JSON_RPC_2_0_with_hex_parameters_and_fresh_ids()
    {
        var node = new ScriptedNode(Result("\"0x0\""), Result("\"0x0\""));
        var client = node.Client();
        var account = EthAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");

        await client.GetTransactionCountAsync(account, 255);
        await client.GetTransactionCountAsync(account, BlockParameter.Pending);

        using var first = JsonDocument.Parse(node.Requests[0]);
        using var second = JsonDocument.Parse(node.Requests[1]);
        Assert.Equal("2.0", first.RootElement.GetProperty("jsonrpc").GetString());
        Assert.Equal("eth_getTransactionCount", first.RootElement.GetProperty("method").GetString());
        Assert.Equal("[\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\",\"0xff\"]", first.RootElement.GetProperty("params").GetRawText());
        Assert.Equal("pending", second.RootElement.GetProperty("params")[1].GetString());
        Assert.NotEqual(first.RootElement.GetProperty("id").GetInt64(), second.RootElement.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Writes_transaction_args_and_log_filters_in_the_JSON_RPC_shape()
    {
        var node = new ScriptedNode(Result("\"0x\""), Result("[]"));
        var client = node.Client();
        var to = EthAddress.Parse("0x00000000000000000000000000000000000000aa");
        var topic = Hash32.Parse(Hash);

        await client.CallAsync(new TransactionArgs(To: to, Data: [0xde, 0xad], Value: 16, Gas: 21_000), BlockParameter.Latest);
        await client.GetLogsAsync(new LogFilter(FromBlock: 1, ToBlock: BlockParameter.Latest, Addresses: [to], Topics: [null, [topic]]));

        Assert.Contains($"\"params\":[{{\"to\":\"{to}\",\"data\":\"0xdead\",\"value\":\"0x10\",\"gas\":\"0x5208\"}},\"latest\"]", node.Requests[0], StringComparison.Ordinal);
        Assert.Contains($"\"params\":[{{\"fromBlock\":\"0x1\",\"toBlock\":\"latest\",\"address\":[\"{to}\"],\"topics\":[null,[\"{Hash}\"]]}}]", node.Requests[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_a_receipt_with_its_logs()
    {
        const string From = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
        const string Created = "0x00000000000000000000000000000000000000cc";
        var log = $"{{\"address\":\"{Created}\",\"topics\":[\"{Hash}\"],\"data\":\"0x01\",\"blockNumber\":\"0x7\",\"blockHash\":\"{ParentHash}\",\"transactionHash\":\"{Hash}\",\"transactionIndex\":\"0x0\",\"logIndex\":\"0x2\",\"removed\":false}}";
        var node = new ScriptedNode(Result(
            $"{{\"transactionHash\":\"{Hash}\",\"blockNumber\":\"0x7\",\"blockHash\":\"{ParentHash}\",\"from\":\"{From}\",\"to\":null," +
            $"\"contractAddress\":\"{Created}\",\"status\":\"0x1\",\"gasUsed\":\"0x5208\",\"effectiveGasPrice\":\"0x3b9aca00\",\"logs\":[{log}]}}"));

        var receipt = await node.Client().GetTransactionReceiptAsync(Hash32.Parse(Hash));

        Assert.NotNull(receipt);
        Assert.True(receipt.Succeeded);
        Assert.Null(receipt.To);
        Assert.Equal(EthAddress.Parse(Created), receipt.ContractAddress);
        Assert.Equal(EthAddress.Parse(From), receipt.From);
        Assert.Equal(21_000, receipt.GasUsed);
        Assert.Equal(21_000L * 1_000_000_000, receipt.Fee);
        var only = Assert.Single(receipt.Logs);
        Assert.Equal(EthAddress.Parse(Created), only.Address);
        Assert.Equal(new[] { Hash32.Parse(Hash) }, only.Topics);
        Assert.Equal(new byte[] { 1 }, only.Data);
        Assert.Equal(7, only.BlockNumber);
        Assert.Equal(2, only.LogIndex);
        Assert.False(only.Removed);
    }

    [Fact]
    public async Task A_missing_receipt_is_null()
    {
        var node = new ScriptedNode(Result("null"));

        Assert.Null(await node.Client().GetTransactionReceiptAsync(Hash32.Parse(Hash)));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Transient_HTTP_statuses_are_retried(HttpStatusCode status)
    {
        var node = new ScriptedNode(Status(status, "<html>busy</html>"), Status(status, "<html>busy</html>"), Result("\"0xa4b1\""));

        Assert.Equal(42161, await node.Client().ChainIdAsync());
        Assert.Equal(3, node.Requests.Count);
    }

    [Fact]
    public async Task A_connection_failure_is_retried()
    {
        var node = new ScriptedNode(Fail(new HttpRequestException("Connection refused")), Result("\"0x7\""));

        Assert.Equal(7, await node.Client().BlockNumberAsync());
        Assert.Equal(2, node.Requests.Count);
    }

    [Fact]
    public async Task An_attempt_that_outlives_the_request_timeout_is_retried()
    {
        var node = new ScriptedNode(Hang(), Result("\"0x7\""));
        var client = node.Client(new JsonRpcClientOptions(ScriptedNode.Endpoint)
        {
            RequestTimeout = TimeSpan.FromMilliseconds(100),
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        });

        Assert.Equal(7, await client.BlockNumberAsync());
        Assert.Equal(2, node.Requests.Count);
    }

    [Fact]
    public async Task Spent_retries_end_in_a_transport_exception_naming_the_method_endpoint_and_cause()
    {
        var node = new ScriptedNode([.. Enumerable.Repeat(Status(HttpStatusCode.ServiceUnavailable, "down for maintenance"), 5)]);

        var failure = await Assert.ThrowsAsync<JsonRpcTransportException>(() => node.Client().GasPriceAsync());

        Assert.Equal(5, failure.Attempts);
        Assert.Equal(5, node.Requests.Count);
        Assert.Equal($"eth_gasPrice to {ScriptedNode.Endpoint} failed after 5 attempts: HTTP 503: down for maintenance", failure.Message);
    }

    [Fact]
    public async Task A_client_error_status_without_a_JSON_RPC_answer_is_not_retried()
    {
        var node = new ScriptedNode(Status(HttpStatusCode.NotFound, "not found"));

        var failure = await Assert.ThrowsAsync<JsonRpcTransportException>(() => node.Client().BlockNumberAsync());

        Assert.Equal(1, failure.Attempts);
        Assert.Contains("HTTP 404: not found", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JSON_RPC_error_is_typed_and_never_retried()
    {
        var node = new ScriptedNode(Error("{\"code\":-32000,\"message\":\"nonce too low: next nonce 5, tx nonce 4\"}"));

        var error = await Assert.ThrowsAsync<JsonRpcException>(() => node.Client().SendRawTransactionAsync([0x02, 0x01]));

        Assert.IsNotType<JsonRpcRevertException>(error);
        Assert.Equal("eth_sendRawTransaction", error.Method);
        Assert.Equal(-32000, error.Code);
        Assert.Equal("nonce too low: next nonce 5, tx nonce 4", error.ErrorMessage);
        Assert.Null(error.ErrorData);
        Assert.Single(node.Requests);
    }

    [Fact]
    public async Task A_JSON_RPC_error_sent_with_HTTP_500_is_still_the_node_answer()
    {
        var node = new ScriptedNode(Status(HttpStatusCode.InternalServerError,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"execution reverted\"}}"));

        await Assert.ThrowsAsync<JsonRpcRevertException>(() => node.Client().CallAsync(new TransactionArgs(), BlockParameter.Latest));
        Assert.Single(node.Requests);
    }

    [Theory]
    // go-ethereum and anvil: code 3 with the revert data as hex
    [InlineData("{\"code\":3,\"message\":\"execution reverted: custom error 0xdeadbeef\",\"data\":\"0xdeadbeef\"}", "0xdeadbeef")]
    // go-ethereum without revert data
    [InlineData("{\"code\":-32000,\"message\":\"execution reverted\"}", "0x")]
    // Hardhat and Ganache: the data nested in an object
    [InlineData("{\"code\":-32603,\"message\":\"Error: VM Exception while processing transaction: reverted\",\"data\":{\"message\":\"reverted\",\"data\":\"0x4e487b71\"}}", "0x4e487b71")]
    public async Task A_revert_carries_its_revert_data(string error, string revertData)
    {
        var node = new ScriptedNode(Error(error));

        var revert = await Assert.ThrowsAsync<JsonRpcRevertException>(() => node.Client().EstimateGasAsync(new TransactionArgs()));

        Assert.Equal(revertData, revert.RevertDataHex);
        Assert.Single(node.Requests);
    }

    [Fact]
    public async Task A_resent_transaction_the_node_already_has_returns_its_hash()
    {
        byte[] signed = [0x02, 0xf8, 0x6b, 0x01];
        var node = new ScriptedNode(Error("{\"code\":-32000,\"message\":\"already known\"}"));

        var hash = await node.Client().SendRawTransactionAsync(signed);

        Assert.Equal(Hash32.FromBytes(Keccak256.Hash(signed)), hash);
    }

    [Fact]
    public async Task A_reply_that_is_not_JSON_RPC_is_a_transport_failure()
    {
        var node = new ScriptedNode(Status(HttpStatusCode.OK, "{\"hello\":1}"));

        var failure = await Assert.ThrowsAsync<JsonRpcTransportException>(() => node.Client().BlockNumberAsync());

        Assert.Contains("not a JSON-RPC response", failure.Message, StringComparison.Ordinal);
        Assert.Single(node.Requests);
    }

    [Fact]
    public async Task The_callers_cancellation_is_neither_retried_nor_wrapped()
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var node = new ScriptedNode(Hang(sent));
        using var cancel = new CancellationTokenSource();

        var call = node.Client().BlockNumberAsync(cancel.Token);
        await sent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(node.Requests);
    }

    private static Func<CancellationToken, Task<HttpResponseMessage>> Result(string json) =>
        Status(HttpStatusCode.OK, $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{json}}}");

    private static Func<CancellationToken, Task<HttpResponseMessage>> Error(string error) =>
        Status(HttpStatusCode.OK, $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{error}}}");

    private static Func<CancellationToken, Task<HttpResponseMessage>> Status(HttpStatusCode status, string body) =>
        _ => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

    private static Func<CancellationToken, Task<HttpResponseMessage>> Fail(Exception e) => _ => Task.FromException<HttpResponseMessage>(e);

    /// <summary>Never answers; ends only when the attempt is cancelled.</summary>
    private static Func<CancellationToken, Task<HttpResponseMessage>> Hang(TaskCompletionSource? sent = null) =>
        async token =>
        {
            sent?.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        };

    /// <summary>Replies to each request with the next scripted reply and keeps the request bodies.</summary>
    private sealed class ScriptedNode(params Func<CancellationToken, Task<HttpResponseMessage>>[] replies) : HttpMessageHandler
    {
        public static readonly Uri Endpoint = new("http://node.test:8545/");

        private int next;

        public List<string> Requests { get; } = [];

        public JsonRpcClient Client(JsonRpcClientOptions? options = null) =>
            new(new HttpClient(this), options ?? new JsonRpcClientOptions(Endpoint) { RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal(Endpoint, request.RequestUri);
            Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
            var body = await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Requests)
            {
                Requests.Add(body);
            }

            var reply = replies[Interlocked.Increment(ref next) - 1];
            return await reply(cancellationToken);
        }
    }
}
