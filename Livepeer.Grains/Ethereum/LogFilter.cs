using Livepeer.Crypto;

namespace Livepeer.Ethereum;

/// <summary>
/// An <c>eth_getLogs</c> filter. Block bounds are inclusive; keep ranges within the provider's limit (go-livepeer asks
/// for 1000 blocks at a time; see shared spec: protocol-contracts.md §15.5).
/// </summary>
/// <param name="Addresses">Emitting contracts; null or empty matches any.</param>
/// <param name="Topics">
/// Per topic position: null matches any value, otherwise any of the listed values. Trailing positions may be omitted.
/// </param>
public sealed record LogFilter(
    BlockParameter? FromBlock = null,
    BlockParameter? ToBlock = null,
    IReadOnlyList<EthAddress>? Addresses = null,
    IReadOnlyList<IReadOnlyList<Hash32>?>? Topics = null);
