using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Ethereum;

/// <summary>
/// The development-chain methods of anvil (also served by Hardhat and Ganache under the same or <c>hardhat_</c>
/// names) that tests use to shape a local chain (see shared spec: protocol-contracts.md §16.3). Never sent to a real node.
/// </summary>
public static class AnvilRpcExtensions
{
    /// <summary>Mines <paramref name="blocks"/> empty blocks at once, e.g. to cross a round boundary.</summary>
    public static async Task MineAsync(this JsonRpcClient client, long blocks = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blocks);
        await client.RequestAsync("anvil_mine", [JsonRpcHex.FromQuantity(blocks)], cancellationToken);
    }

    /// <summary>Replaces the runtime code at <paramref name="address"/>, e.g. to stub a contract.</summary>
    public static async Task SetCodeAsync(this JsonRpcClient client, EthAddress address, byte[] code, CancellationToken cancellationToken = default) =>
        await client.RequestAsync("anvil_setCode", [address.ToString(), JsonRpcHex.FromData(code)], cancellationToken);

    /// <summary>Saves the chain state; returns the id that <see cref="RevertAsync"/> takes.</summary>
    public static async Task<string> SnapshotAsync(this JsonRpcClient client, CancellationToken cancellationToken = default) =>
        (await client.RequestAsync("evm_snapshot", [], cancellationToken)).GetString()
        ?? throw new FormatException("evm_snapshot returned no id");

    /// <summary>
    /// Restores the state saved under <paramref name="snapshotId"/>, dropping that snapshot and later ones; false when
    /// the id is unknown.
    /// </summary>
    public static async Task<bool> RevertAsync(this JsonRpcClient client, string snapshotId, CancellationToken cancellationToken = default) =>
        (await client.RequestAsync("evm_revert", [snapshotId], cancellationToken)).GetBoolean();

    /// <summary>Sets an account's ETH balance, e.g. to fund a freshly generated key.</summary>
    public static async Task SetBalanceAsync(this JsonRpcClient client, EthAddress account, BigInteger wei, CancellationToken cancellationToken = default) =>
        await client.RequestAsync("anvil_setBalance", [account.ToString(), JsonRpcHex.FromQuantity(wei)], cancellationToken);
}
