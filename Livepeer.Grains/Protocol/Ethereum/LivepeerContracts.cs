using Livepeer.Crypto;
using Livepeer.Ethereum;

namespace Livepeer.Protocol.Ethereum;

/// <summary>
/// The protocol's contracts as one account uses them, every address resolved through the Controller at start-up, as
/// go-livepeer binds them (see shared spec: protocol-contracts.md §1, §15.1). Without a sender the clients are read-only.
/// </summary>
public sealed record LivepeerContracts(
    ControllerClient Controller,
    TicketBrokerClient TicketBroker,
    RoundsManagerClient RoundsManager,
    BondingManagerClient BondingManager,
    ServiceRegistryClient ServiceRegistry,
    LivepeerTokenClient LivepeerToken,
    TransactionSender? Sender)
{
    public static async Task<LivepeerContracts> ResolveAsync(
        JsonRpcClient rpc, EthAddress controller, TransactionSender? sender, CancellationToken cancellationToken = default)
    {
        var caller = new ContractCaller(rpc);
        var registry = new ControllerClient(controller, caller);
        async Task<EthAddress> Resolve(string name) => await registry.GetContractAsync(name, cancellationToken);
        return new LivepeerContracts(
            registry,
            new TicketBrokerClient(await Resolve("TicketBroker"), caller, sender),
            new RoundsManagerClient(await Resolve("RoundsManager"), caller, sender),
            new BondingManagerClient(await Resolve("BondingManager"), caller, sender),
            new ServiceRegistryClient(await Resolve("ServiceRegistry"), caller, sender),
            new LivepeerTokenClient(await Resolve("LivepeerToken"), caller, sender),
            sender);
    }
}
