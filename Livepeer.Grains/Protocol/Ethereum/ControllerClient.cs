using System.Text;
using Livepeer.Crypto;
using Livepeer.Ethereum;

namespace Livepeer.Protocol.Ethereum;

/// <summary>The Controller registry: contract addresses by name (see shared spec: protocol-contracts.md §1, §5).</summary>
public sealed class ControllerClient(EthAddress address, ContractCaller caller) : ContractClient(address, caller, null)
{
    public static readonly AbiFunction GetContract = AbiFunction.Parse("getContract(bytes32) returns (address)");
    public static readonly AbiFunction Paused = AbiFunction.Parse("paused() returns (bool)");

    public static IReadOnlyList<AbiFunction> Functions { get; } = [GetContract, Paused];

    /// <summary>The registered address of <paramref name="name"/> (for a proxied contract, the proxy to call).</summary>
    /// <exception cref="ContractNotRegisteredException">Nothing is registered under that name.</exception>
    public async Task<EthAddress> GetContractAsync(string name, CancellationToken cancellationToken = default)
    {
        var id = Keccak256.Hash(Encoding.UTF8.GetBytes(name));
        var address = await CallAsync<EthAddress>(GetContract, cancellationToken, id);
        return address.IsZero ? throw new ContractNotRegisteredException(name, Address) : address;
    }

    public Task<bool> PausedAsync(CancellationToken cancellationToken = default) => CallAsync<bool>(Paused, cancellationToken);
}
