namespace Livepeer.Ethereum;

/// <summary>
/// The node answered with a JSON-RPC error object. Not transient: the same request gets the same answer, so the client
/// never retries it.
/// </summary>
public class JsonRpcException(string method, int code, string message, string? data)
    : Exception($"{method}: {message} (JSON-RPC error {code})")
{
    public string Method { get; } = method;

    public int Code { get; } = code;

    /// <summary>The error message as the node wrote it.</summary>
    public string ErrorMessage { get; } = message;

    /// <summary>The error's <c>data</c> member: its string value, or its raw JSON text when not a string.</summary>
    public string? ErrorData { get; } = data;
}

/// <summary>
/// An <c>eth_call</c>, <c>eth_estimateGas</c> or <c>eth_sendTransaction</c> that reverted. <see cref="RevertData"/> is
/// what the contract reverted with: <c>Error(string)</c> (selector <c>0x08c379a0</c>), <c>Panic(uint256)</c>
/// (<c>0x4e487b71</c>), a custom error, or nothing (see shared spec: protocol-contracts.md §4).
/// </summary>
public sealed class JsonRpcRevertException(string method, int code, string message, string? data, byte[] revertData)
    : JsonRpcException(method, code, message, data)
{
    public byte[] RevertData { get; } = revertData;

    public string RevertDataHex => JsonRpcHex.FromData(RevertData);
}

/// <summary>
/// No JSON-RPC answer: the connection failed, timed out, the HTTP status was an error without a JSON-RPC body, or the
/// body was not JSON-RPC. Thrown after the client's bounded retries of transient failures are spent.
/// </summary>
public sealed class JsonRpcTransportException(string method, Uri endpoint, int attempts, string message, Exception? inner = null)
    : Exception($"{method} to {endpoint} failed after {attempts} attempt{(attempts == 1 ? "" : "s")}: {message}", inner)
{
    public string Method { get; } = method;

    public Uri Endpoint { get; } = endpoint;

    public int Attempts { get; } = attempts;
}
