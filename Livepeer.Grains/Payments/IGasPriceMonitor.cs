using System.Numerics;

namespace Livepeer.Payments;

/// <summary>The current gas price, already floored at <c>-minGasPrice</c> (go-livepeer <c>pm.GasPriceMonitor</c>).</summary>
public interface IGasPriceMonitor
{
    /// <summary>Gas price in wei.</summary>
    BigInteger GasPrice { get; }
}
