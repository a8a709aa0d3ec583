using System.Numerics;
using Livepeer.Ethereum;
using Livepeer.Payments;

namespace Livepeer.Protocol.Ethereum;

/// <summary>The chain's gas price, read with <c>eth_gasPrice</c> on each poll of the block watcher (go-livepeer's GasPriceMonitor).</summary>
public sealed class ChainGasPrice(JsonRpcClient rpc) : IGasPriceMonitor
{
    public BigInteger GasPrice { get; private set; }

    public async Task RefreshAsync(CancellationToken cancellationToken = default) => GasPrice = await rpc.GasPriceAsync(cancellationToken);
}
