using Livepeer.Crypto;

namespace Livepeer.Ethereum;

/// <summary>
/// A contract event as <c>eth_getLogs</c> and receipts return it. <see cref="Topics"/>[0] is the event signature hash
/// for non-anonymous events (see shared spec: protocol-contracts.md Appendix B).
/// </summary>
/// <param name="Removed">True when a re-org removed the log (block watchers then re-read state).</param>
public sealed record EventLog(
    EthAddress Address,
    IReadOnlyList<Hash32> Topics,
    byte[] Data,
    long BlockNumber,
    Hash32 BlockHash,
    Hash32 TransactionHash,
    long TransactionIndex,
    long LogIndex,
    bool Removed);
