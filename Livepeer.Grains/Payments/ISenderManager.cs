using Livepeer.Crypto;

namespace Livepeer.Payments;

/// <summary>Looks up a sender's on-chain state (go-livepeer <c>pm.SenderManager</c>).</summary>
public interface ISenderManager
{
    /// <summary>
    /// The sender's deposit, reserve and withdraw round, from a cache kept in sync with chain
    /// events. A failed lookup is an infrastructure fault, not a payment error: throw.
    /// </summary>
    SenderInfo GetSenderInfo(EthAddress sender);
}
