using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Ethereum;

/// <summary>
/// The transaction object of <c>eth_call</c>, <c>eth_estimateGas</c> and <c>eth_sendTransaction</c> (go-ethereum's
/// <c>TransactionArgs</c>). Unset fields are left for the node to fill in.
/// </summary>
/// <param name="To">Null creates a contract from <see cref="Data"/>.</param>
/// <param name="Data">Calldata, or init code for a contract creation.</param>
public sealed record TransactionArgs(
    EthAddress? From = null,
    EthAddress? To = null,
    byte[]? Data = null,
    BigInteger? Value = null,
    long? Gas = null,
    BigInteger? GasPrice = null,
    BigInteger? MaxFeePerGas = null,
    BigInteger? MaxPriorityFeePerGas = null,
    long? Nonce = null);
