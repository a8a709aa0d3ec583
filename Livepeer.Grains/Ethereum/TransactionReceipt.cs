using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Ethereum;

/// <summary>The result of <c>eth_getTransactionReceipt</c> once the transaction is mined.</summary>
/// <param name="Status">1 for success, 0 when the transaction reverted.</param>
/// <param name="To">Null for a contract creation.</param>
/// <param name="ContractAddress">The created contract's address for a contract creation, otherwise null.</param>
public sealed record TransactionReceipt(
    Hash32 TransactionHash,
    long BlockNumber,
    Hash32 BlockHash,
    EthAddress From,
    EthAddress? To,
    EthAddress? ContractAddress,
    long Status,
    long GasUsed,
    BigInteger EffectiveGasPrice,
    IReadOnlyList<EventLog> Logs)
{
    public bool Succeeded => Status == 1;

    /// <summary>What the transaction cost its sender, in wei.</summary>
    public BigInteger Fee => GasUsed * EffectiveGasPrice;
}
