using System.Numerics;

namespace Livepeer.Payments;

/// <summary>A constant gas price: the embedded ledger has no fee market.</summary>
public sealed class FixedGasPrice(BigInteger gasPrice) : IGasPriceMonitor
{
    public BigInteger GasPrice { get; } = gasPrice;
}
