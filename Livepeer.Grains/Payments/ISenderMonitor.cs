using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Payments;

/// <summary>O's view of each sender's funds (go-livepeer <c>pm.SenderMonitor</c>).</summary>
public interface ISenderMonitor : ISenderManager
{
    /// <summary>
    /// The most this O may currently claim from the sender: its reserve allocation, less pending
    /// redemptions when the deposit is thin (see shared spec: payments.md §10.2).
    /// </summary>
    BigInteger MaxFloat(EthAddress sender);
}
