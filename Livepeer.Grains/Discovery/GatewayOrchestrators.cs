using Livepeer.Crypto;

namespace Livepeer.Discovery;

/// <summary>What every broadcast session of the gateway shares: where orchestrators come from, how they are asked and chosen.</summary>
public sealed class GatewayOrchestrators(EthKey gateway, IOrchestratorSource source, OrchestratorDiscovery discovery, OrchestratorClient client, SelectionAlgorithm selection)
{
    public IOrchestratorSource Source => source;

    public OrchestratorDiscovery Discovery => discovery;

    public OrchestratorClient Client => client;

    public SelectionAlgorithm Selection => selection;

    /// <summary>The gateway's key: it signs segment credentials and pays with tickets from this address.</summary>
    public EthKey Gateway => gateway;
}
