using Livepeer.Crypto;

namespace Livepeer.Protocol.Ethereum;

/// <summary>go-livepeer's <c>-network</c> presets (see shared spec: protocol-contracts.md §13.1, §15.1).</summary>
public static class EthereumNetwork
{
    public const string ArbitrumOneMainnet = "arbitrum-one-mainnet";

    /// <summary>Arbitrum One's Controller, go-livepeer's default for <see cref="ArbitrumOneMainnet"/>.</summary>
    public static readonly EthAddress ArbitrumOneController = EthAddress.Parse("0xD8E8328501E9645d16Cf49539efC04f734606ee4");

    /// <summary>The Controller to use: the explicit one, else the network's preset.</summary>
    /// <exception cref="InvalidOperationException">Neither is known.</exception>
    public static EthAddress Controller(string network, string explicitController)
    {
        if (!string.IsNullOrWhiteSpace(explicitController))
        {
            return EthAddress.TryParse(explicitController.Trim(), out var address)
                ? address
                : throw new InvalidOperationException($"ethController '{explicitController}' is not an Ethereum address");
        }

        return network.Equals(ArbitrumOneMainnet, StringComparison.OrdinalIgnoreCase)
            ? ArbitrumOneController
            : throw new InvalidOperationException($"network '{network}' has no preset Controller: set ethController");
    }
}
