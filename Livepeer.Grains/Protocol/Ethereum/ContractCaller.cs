using Livepeer.Crypto;
using Livepeer.Ethereum;

namespace Livepeer.Protocol.Ethereum;

/// <summary>Read-only contract calls (<c>eth_call</c>) decoded with an <see cref="AbiFunction"/>.</summary>
public sealed class ContractCaller(JsonRpcClient rpc)
{
    public JsonRpcClient Rpc { get; } = rpc;

    /// <exception cref="ContractRevertException">The call reverted; the reason is the contract's.</exception>
    public async Task<AbiValues> CallAsync(
        EthAddress to, AbiFunction function, object?[] args, BlockParameter? block = null, CancellationToken cancellationToken = default)
    {
        var call = new TransactionArgs(To: to, Data: function.EncodeCall(args));
        try
        {
            return function.DecodeOutput(await Rpc.CallAsync(call, block ?? BlockParameter.Latest, cancellationToken));
        }
        catch (JsonRpcRevertException e)
        {
            throw new ContractRevertException(function.Signature, RevertReason.Decode(e.RevertData), inner: e);
        }
    }
}
