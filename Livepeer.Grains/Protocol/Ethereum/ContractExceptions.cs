using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;

namespace Livepeer.Protocol.Ethereum;

/// <summary>
/// A contract refused a call or a transaction. <see cref="Reason"/> is the contract's own revert string (e.g.
/// "ticket is used"), decoded from the revert data of the call, of the gas estimate, or of an <c>eth_call</c> replay
/// of a mined transaction whose receipt has status 0.
/// </summary>
public sealed class ContractRevertException(string function, RevertReason revert, TransactionReceipt? receipt = null, Exception? inner = null)
    : Exception(
        receipt is null
            ? $"{function} reverted: {revert.Message}"
            : $"{function} failed in transaction {receipt.TransactionHash} (block {receipt.BlockNumber}): {revert.Message}",
        inner)
{
    /// <summary>The function's signature.</summary>
    public string Function { get; } = function;

    /// <summary>The revert string, or a description of a panic or of data without a reason.</summary>
    public string Reason => Revert.Message;

    public RevertReason Revert { get; } = revert;

    /// <summary>The failed transaction's receipt; null when the revert came before sending (call or gas estimate).</summary>
    public TransactionReceipt? Receipt { get; } = receipt;
}

/// <summary>
/// The network's gas price is above the configured cap, so nothing was sent: the caller should defer the transaction
/// (go-livepeer refuses to send in the same case; see shared spec: protocol-contracts.md §15.4).
/// </summary>
public sealed class GasPriceTooHighException(BigInteger gasPrice, BigInteger maxGasPrice)
    : Exception($"the gas price {gasPrice} wei is above the maximum of {maxGasPrice} wei: try again later")
{
    public BigInteger GasPrice { get; } = gasPrice;

    public BigInteger MaxGasPrice { get; } = maxGasPrice;
}

/// <summary>A name the Controller has no contract for.</summary>
public sealed class ContractNotRegisteredException(string name, EthAddress controller)
    : Exception($"the Controller at {controller} has no contract registered as \"{name}\"")
{
    public string Name { get; } = name;
}
