using System.Net.Http.Headers;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Livepeer.Crypto;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Livepeer.Ethereum;

/// <summary>
/// A JSON-RPC 2.0 client for an Ethereum (Arbitrum) node over HTTP, with typed helpers for the calls the node makes
/// (see shared spec: protocol-contracts.md §15.4–15.5). Transient failures are retried by
/// <see cref="JsonRpcResilience"/>; JSON-RPC errors surface as <see cref="JsonRpcException"/> (reverts as
/// <see cref="JsonRpcRevertException"/>), and exhausted retries as <see cref="JsonRpcTransportException"/>.
/// Thread-safe. The <see cref="HttpClient"/> stays the caller's to dispose; its own timeout should exceed
/// <see cref="JsonRpcClientOptions.RequestTimeout"/>.
/// </summary>
public sealed class JsonRpcClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient http;
    private readonly JsonRpcClientOptions options;
    private readonly TimeProvider time;
    private readonly ResiliencePipeline pipeline;
    private long lastId;

    /// <param name="logger">Receives a warning for each retried transient failure.</param>
    public JsonRpcClient(HttpClient http, JsonRpcClientOptions options, TimeProvider? time = null, ILogger<JsonRpcClient>? logger = null)
    {
        this.http = http;
        this.options = options;
        this.time = time ?? TimeProvider.System;
        pipeline = JsonRpcResilience.Create(options, this.time, logger ?? NullLogger<JsonRpcClient>.Instance);
    }

    public Uri Endpoint => options.Endpoint;

    /// <summary>
    /// Sends one request and returns its <c>result</c> (a detached copy). The typed helpers below are built on this;
    /// use it directly for methods they do not cover.
    /// </summary>
    public async Task<JsonElement> RequestAsync(string method, IReadOnlyList<JsonNode?> parameters, CancellationToken cancellationToken = default)
    {
        var body = Serialize(Interlocked.Increment(ref lastId), method, parameters);
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(JsonRpcResilience.Method, method);
        try
        {
            return await pipeline.ExecuteAsync(
                async attempt =>
                {
                    attempts++;
                    return await SendOnceAsync(method, body, attempt.CancellationToken);
                },
                context);
        }
        catch (Exception e) when (e is NotJsonRpcAnswerException || JsonRpcResilience.IsTransient(e, cancellationToken))
        {
            throw new JsonRpcTransportException(method, Endpoint, attempts, Describe(e), e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public async Task<long> ChainIdAsync(CancellationToken cancellationToken = default) =>
        Quantity64(await RequestAsync("eth_chainId", [], cancellationToken));

    /// <summary>The latest L2 block number (contracts see <see cref="BlockHeader.ContractBlockNumber"/>).</summary>
    public async Task<long> BlockNumberAsync(CancellationToken cancellationToken = default) =>
        Quantity64(await RequestAsync("eth_blockNumber", [], cancellationToken));

    /// <summary>The block's header without its transactions, or null when the node has no such block.</summary>
    public async Task<BlockHeader?> GetBlockByNumberAsync(BlockParameter block, CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync("eth_getBlockByNumber", [block.ToString(), false], cancellationToken);
        return result.ValueKind == JsonValueKind.Null ? null : ReadHeader(result);
    }

    public async Task<IReadOnlyList<EthAddress>> AccountsAsync(CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync("eth_accounts", [], cancellationToken);
        return [.. result.EnumerateArray().Select(a => EthAddress.Parse(a.GetString()!))];
    }

    /// <summary>The account's nonce at <paramref name="block"/> (<see cref="BlockParameter.Pending"/> counts queued transactions).</summary>
    public async Task<long> GetTransactionCountAsync(EthAddress account, BlockParameter block, CancellationToken cancellationToken = default) =>
        Quantity64(await RequestAsync("eth_getTransactionCount", [account.ToString(), block.ToString()], cancellationToken));

    public async Task<BigInteger> GasPriceAsync(CancellationToken cancellationToken = default) =>
        Quantity(await RequestAsync("eth_gasPrice", [], cancellationToken));

    public async Task<BigInteger> MaxPriorityFeePerGasAsync(CancellationToken cancellationToken = default) =>
        Quantity(await RequestAsync("eth_maxPriorityFeePerGas", [], cancellationToken));

    /// <summary>Gas the transaction needs; throws <see cref="JsonRpcRevertException"/> when it would revert.</summary>
    public async Task<long> EstimateGasAsync(TransactionArgs transaction, BlockParameter? block = null, CancellationToken cancellationToken = default)
    {
        JsonNode?[] parameters = block is { } b ? [ToJson(transaction), b.ToString()] : [ToJson(transaction)];
        return Quantity64(await RequestAsync("eth_estimateGas", parameters, cancellationToken));
    }

    /// <summary>Runs a call without a transaction and returns its output; throws <see cref="JsonRpcRevertException"/> on a revert.</summary>
    public async Task<byte[]> CallAsync(TransactionArgs call, BlockParameter block, CancellationToken cancellationToken = default) =>
        Data(await RequestAsync("eth_call", [ToJson(call), block.ToString()], cancellationToken));

    /// <summary>
    /// Broadcasts a signed transaction and returns its hash. When a retried send finds the node already has the
    /// transaction ("already known"), the first attempt got through, so this returns the hash rather than failing.
    /// </summary>
    public async Task<Hash32> SendRawTransactionAsync(byte[] signedTransaction, CancellationToken cancellationToken = default)
    {
        try
        {
            return Hash(await RequestAsync("eth_sendRawTransaction", [JsonRpcHex.FromData(signedTransaction)], cancellationToken));
        }
        catch (JsonRpcException e) when (IsAlreadyKnown(e.ErrorMessage))
        {
            // A transaction's hash is keccak256 of its signed encoding.
            return Hash32.FromBytes(Keccak256.Hash(signedTransaction));
        }
    }

    /// <summary>Sends a transaction that the node signs with one of its unlocked accounts (development chains only).</summary>
    public async Task<Hash32> SendTransactionAsync(TransactionArgs transaction, CancellationToken cancellationToken = default) =>
        Hash(await RequestAsync("eth_sendTransaction", [ToJson(transaction)], cancellationToken));

    /// <summary>The receipt, or null while the transaction is pending or unknown.</summary>
    public async Task<TransactionReceipt?> GetTransactionReceiptAsync(Hash32 transactionHash, CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync("eth_getTransactionReceipt", [transactionHash.ToString()], cancellationToken);
        return result.ValueKind == JsonValueKind.Null ? null : ReadReceipt(result);
    }

    /// <summary>
    /// Polls for the receipt until it appears or <paramref name="timeout"/> passes. A receipt with status 0 (reverted)
    /// is returned, not thrown: check <see cref="TransactionReceipt.Succeeded"/>.
    /// </summary>
    /// <exception cref="TimeoutException">No receipt within <paramref name="timeout"/>.</exception>
    public async Task<TransactionReceipt> WaitForReceiptAsync(Hash32 transactionHash, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            if (await GetTransactionReceiptAsync(transactionHash, cancellationToken) is { } receipt)
            {
                return receipt;
            }

            var remaining = timeout - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"transaction {transactionHash} has no receipt from {Endpoint} after {timeout.TotalSeconds:0.###} s: " +
                    "it is still pending or was dropped (check the sender's nonce and the fee)");
            }

            await Task.Delay(remaining < options.ReceiptPollInterval ? remaining : options.ReceiptPollInterval, time, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<EventLog>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync("eth_getLogs", [ToJson(filter)], cancellationToken);
        return [.. result.EnumerateArray().Select(ReadLog)];
    }

    /// <summary>The runtime code at <paramref name="address"/>; empty for an account without code.</summary>
    public async Task<byte[]> GetCodeAsync(EthAddress address, BlockParameter block, CancellationToken cancellationToken = default) =>
        Data(await RequestAsync("eth_getCode", [address.ToString(), block.ToString()], cancellationToken));

    private async Task<JsonElement> SendOnceAsync(string method, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonContentType;
        using var response = await http.PostAsync(Endpoint, content, cancellationToken);
        var reply = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = (int)response.StatusCode;

        // Rate limits and gateway errors come from whatever sits in front of the node: try again later.
        if (status is 429 or 502 or 503 or 504)
        {
            throw new TransientHttpStatusException(status, Snippet(reply));
        }

        using var document = TryParse(reply);
        var root = document?.RootElement;
        if (root is not { ValueKind: JsonValueKind.Object } answer
            || !(answer.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                && !answer.TryGetProperty("result", out _))
        {
            // Without a JSON-RPC answer a 5xx is the server failing, which may pass; anything else will not.
            if (status >= 500)
            {
                throw new TransientHttpStatusException(status, Snippet(reply));
            }

            throw new NotJsonRpcAnswerException(response.IsSuccessStatusCode
                ? $"the reply is not a JSON-RPC response: {Snippet(reply)}"
                : $"HTTP {status}: {Snippet(reply)}");
        }

        // Some nodes answer JSON-RPC errors with HTTP 500; the answer, not the status, decides.
        if (error.ValueKind == JsonValueKind.Object)
        {
            throw ToException(method, error);
        }

        return answer.GetProperty("result").Clone();
    }

    private static JsonRpcException ToException(string method, JsonElement error)
    {
        var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "(no message)";
        string? data = null;
        if (error.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null)
        {
            data = d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetRawText();
        }

        // go-ethereum and anvil use code 3 for a revert with data; without data they, like other nodes, say
        // "execution reverted" in the message.
        var isRevert = code == 3 || message.Contains("revert", StringComparison.OrdinalIgnoreCase);
        return isRevert
            ? new JsonRpcRevertException(method, code, message, data, RevertData(error))
            : new JsonRpcException(method, code, message, data);
    }

    /// <summary>The revert data: <c>data</c> as hex (go-ethereum, anvil) or <c>data.data</c> (Hardhat, Ganache).</summary>
    private static byte[] RevertData(JsonElement error)
    {
        if (!error.TryGetProperty("data", out var data))
        {
            return [];
        }

        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("data", out var inner))
        {
            data = inner;
        }

        if (data.ValueKind != JsonValueKind.String)
        {
            return [];
        }

        try
        {
            return JsonRpcHex.ToData(data.GetString()!);
        }
        catch (FormatException)
        {
            return []; // a text explanation rather than revert data
        }
    }

    private static bool IsAlreadyKnown(string message) =>
        message.Contains("already known", StringComparison.OrdinalIgnoreCase)
        || message.Contains("known transaction", StringComparison.OrdinalIgnoreCase)
        || message.Contains("already imported", StringComparison.OrdinalIgnoreCase);

    private static byte[] Serialize(long id, string method, IReadOnlyList<JsonNode?> parameters)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteNumber("id", id);
            writer.WriteString("method", method);
            writer.WriteStartArray("params");
            foreach (var parameter in parameters)
            {
                if (parameter is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    parameter.WriteTo(writer);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static JsonDocument? TryParse(byte[] reply)
    {
        try
        {
            return reply.Length == 0 ? null : JsonDocument.Parse(reply);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Snippet(byte[] reply)
    {
        const int Limit = 200;
        var text = Encoding.UTF8.GetString(reply, 0, Math.Min(reply.Length, Limit)).Trim();
        return reply.Length > Limit ? text + "…" : text;
    }

    private static string Describe(Exception e) => e switch
    {
        Polly.Timeout.TimeoutRejectedException => "no answer within the request timeout",
        OperationCanceledException => "the HTTP request timed out",
        HttpRequestException { InnerException: { } inner } h => $"{h.Message} ({inner.Message})",
        _ => e.Message,
    };

    private static JsonObject ToJson(TransactionArgs args)
    {
        var json = new JsonObject();
        if (args.From is { } from) json["from"] = from.ToString();
        if (args.To is { } to) json["to"] = to.ToString();
        // "data" rather than "input": every node reads it (go-ethereum and anvil read both).
        if (args.Data is { } data) json["data"] = JsonRpcHex.FromData(data);
        if (args.Value is { } value) json["value"] = JsonRpcHex.FromQuantity(value);
        if (args.Gas is { } gas) json["gas"] = JsonRpcHex.FromQuantity(gas);
        if (args.GasPrice is { } gasPrice) json["gasPrice"] = JsonRpcHex.FromQuantity(gasPrice);
        if (args.MaxFeePerGas is { } maxFee) json["maxFeePerGas"] = JsonRpcHex.FromQuantity(maxFee);
        if (args.MaxPriorityFeePerGas is { } tip) json["maxPriorityFeePerGas"] = JsonRpcHex.FromQuantity(tip);
        if (args.Nonce is { } nonce) json["nonce"] = JsonRpcHex.FromQuantity(nonce);
        return json;
    }

    private static JsonObject ToJson(LogFilter filter)
    {
        var json = new JsonObject();
        if (filter.FromBlock is { } from) json["fromBlock"] = from.ToString();
        if (filter.ToBlock is { } to) json["toBlock"] = to.ToString();
        if (filter.Addresses is { Count: > 0 } addresses)
        {
            json["address"] = new JsonArray([.. addresses.Select(a => JsonValue.Create(a.ToString()))]);
        }

        if (filter.Topics is { Count: > 0 } topics)
        {
            json["topics"] = new JsonArray([.. topics.Select(alternatives => alternatives is null
                ? null
                : (JsonNode)new JsonArray([.. alternatives.Select(t => JsonValue.Create(t.ToString()))]))]);
        }

        return json;
    }

    private static BlockHeader ReadHeader(JsonElement block) => new(
        Number: Quantity64(Required(block, "number")),
        Hash: Optional(block, "hash") is { } hash ? Hash(hash) : null,
        ParentHash: Hash(Required(block, "parentHash")),
        Timestamp: Quantity64(Required(block, "timestamp")),
        BaseFeePerGas: Optional(block, "baseFeePerGas") is { } baseFee ? Quantity(baseFee) : null,
        L1BlockNumber: Optional(block, "l1BlockNumber") is { } l1 ? L1BlockNumber(l1) : null);

    /// <summary>Arbitrum nodes send a hex string; anvil with chain id 42161 sends a JSON number (shared spec §16.3, §17.11).</summary>
    private static long L1BlockNumber(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetInt64() : Quantity64(value);

    private static TransactionReceipt ReadReceipt(JsonElement receipt) => new(
        TransactionHash: Hash(Required(receipt, "transactionHash")),
        BlockNumber: Quantity64(Required(receipt, "blockNumber")),
        BlockHash: Hash(Required(receipt, "blockHash")),
        From: Address(Required(receipt, "from")),
        To: Optional(receipt, "to") is { } to ? Address(to) : null,
        ContractAddress: Optional(receipt, "contractAddress") is { } created ? Address(created) : null,
        Status: Quantity64(Required(receipt, "status")),
        GasUsed: Quantity64(Required(receipt, "gasUsed")),
        EffectiveGasPrice: Quantity(Required(receipt, "effectiveGasPrice")),
        Logs: [.. Required(receipt, "logs").EnumerateArray().Select(ReadLog)]);

    private static EventLog ReadLog(JsonElement log) => new(
        Address: Address(Required(log, "address")),
        Topics: [.. Required(log, "topics").EnumerateArray().Select(Hash)],
        Data: Data(Required(log, "data")),
        BlockNumber: Quantity64(Required(log, "blockNumber")),
        BlockHash: Hash(Required(log, "blockHash")),
        TransactionHash: Hash(Required(log, "transactionHash")),
        TransactionIndex: Quantity64(Required(log, "transactionIndex")),
        LogIndex: Quantity64(Required(log, "logIndex")),
        Removed: Optional(log, "removed") is { ValueKind: JsonValueKind.True });

    private static JsonElement Required(JsonElement parent, string name) =>
        Optional(parent, name) ?? throw new FormatException($"JSON-RPC result lacks \"{name}\": {parent.GetRawText()}");

    /// <summary>The member, or null when it is absent or JSON null.</summary>
    private static JsonElement? Optional(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"expected a JSON-RPC hex string, got {value.GetRawText()}");

    private static BigInteger Quantity(JsonElement value) => JsonRpcHex.ToBigInteger(Text(value));

    private static long Quantity64(JsonElement value) => JsonRpcHex.ToInt64(Text(value));

    private static byte[] Data(JsonElement value) => JsonRpcHex.ToData(Text(value));

    private static Hash32 Hash(JsonElement value) => Hash32.Parse(Text(value));

    private static EthAddress Address(JsonElement value) => EthAddress.Parse(Text(value));
}
