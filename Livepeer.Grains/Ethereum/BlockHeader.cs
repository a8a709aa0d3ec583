using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Ethereum;

/// <summary>
/// The header fields of <c>eth_getBlockByNumber</c> that the node uses (go-livepeer's block watcher reads the same ones;
/// see shared spec: protocol-contracts.md §15.5).
/// </summary>
/// <param name="Hash">Null for a pending block.</param>
/// <param name="BaseFeePerGas">Null before London (EIP-1559).</param>
/// <param name="L1BlockNumber">
/// Arbitrum's <c>l1BlockNumber</c>, the Ethereum block number that <c>block.number</c> returns inside contracts (rounds
/// are counted in it; §14). Null on chains that do not send it.
/// </param>
public sealed record BlockHeader(
    long Number,
    Hash32? Hash,
    Hash32 ParentHash,
    long Timestamp,
    BigInteger? BaseFeePerGas,
    long? L1BlockNumber)
{
    /// <summary>
    /// The block number that contracts see: <see cref="L1BlockNumber"/> on Arbitrum, otherwise <see cref="Number"/>,
    /// the fallback go-livepeer's block watcher uses.
    /// </summary>
    public long ContractBlockNumber => L1BlockNumber ?? Number;
}
