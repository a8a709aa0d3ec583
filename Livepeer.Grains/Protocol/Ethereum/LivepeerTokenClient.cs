using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;

namespace Livepeer.Protocol.Ethereum;

/// <summary>The LPT ERC-20 (see shared spec: protocol-contracts.md §11).</summary>
public sealed class LivepeerTokenClient(EthAddress address, ContractCaller caller, TransactionSender? sender = null)
    : ContractClient(address, caller, sender)
{
    public static readonly AbiFunction Approve = AbiFunction.Parse("approve(address,uint256) returns (bool)");
    public static readonly AbiFunction BalanceOf = AbiFunction.Parse("balanceOf(address) returns (uint256)");

    public static IReadOnlyList<AbiFunction> Functions { get; } = [Approve, BalanceOf];

    public Task<TransactionReceipt> ApproveAsync(EthAddress spender, BigInteger amount, CancellationToken cancellationToken = default) =>
        SendAsync(Approve, cancellationToken, spender, amount);

    public Task<BigInteger> BalanceOfAsync(EthAddress account, CancellationToken cancellationToken = default) =>
        CallAsync<BigInteger>(BalanceOf, cancellationToken, account);
}
