using Livepeer.Crypto;
using Livepeer.Ethereum;

namespace Livepeer.Protocol.Ethereum;

/// <summary>Where orchestrators advertise their service URI (see shared spec: protocol-contracts.md §10).</summary>
public sealed class ServiceRegistryClient(EthAddress address, ContractCaller caller, TransactionSender? sender = null)
    : ContractClient(address, caller, sender)
{
    public static readonly AbiFunction SetServiceUri = AbiFunction.Parse("setServiceURI(string)");
    public static readonly AbiFunction GetServiceUri = AbiFunction.Parse("getServiceURI(address) returns (string)");

    public static IReadOnlyList<AbiFunction> Functions { get; } = [SetServiceUri, GetServiceUri];

    public Task<TransactionReceipt> SetServiceUriAsync(string uri, CancellationToken cancellationToken = default) =>
        SendAsync(SetServiceUri, cancellationToken, uri);

    public Task<string> GetServiceUriAsync(EthAddress orchestrator, CancellationToken cancellationToken = default) =>
        CallAsync<string>(GetServiceUri, cancellationToken, orchestrator);
}
