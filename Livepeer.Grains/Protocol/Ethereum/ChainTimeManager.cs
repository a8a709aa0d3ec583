using Livepeer.Crypto;
using Livepeer.Ethereum;
using Livepeer.Payments;

namespace Livepeer.Protocol.Ethereum;

/// <summary>
/// The round and block view a Sender or Recipient needs, read from the chain on <see cref="RefreshAsync"/> (go-livepeer's
/// TimeWatcher): the node's block watcher refreshes it on every poll; a test refreshes it by hand after moving the chain.
/// Reads are cached values, as <see cref="ITimeManager"/> requires.
/// </summary>
public sealed class ChainTimeManager(JsonRpcClient rpc, RoundsManagerClient rounds) : ITimeManager
{
    /// <summary>The L1 block number contracts see (Arbitrum's <c>l1BlockNumber</c>, else the block number).</summary>
    public long LastSeenL1Block { get; private set; }

    public long LastInitializedRound { get; private set; }

    public Hash32 LastInitializedL1BlockHash { get; private set; } = Hash32.Zero;

    public Hash32 PreLastInitializedL1BlockHash { get; private set; } = Hash32.Zero;

    /// <summary>The round the chain is in; ahead of <see cref="LastInitializedRound"/> until someone initializes it.</summary>
    public long CurrentRound { get; private set; }

    public bool CurrentRoundInitialized => LastInitializedRound == CurrentRound;

    /// <summary>Reads the head and the rounds; returns whether a new L1 block was seen since the last refresh.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var head = await rpc.GetBlockByNumberAsync(BlockParameter.Latest, cancellationToken)
            ?? throw new InvalidOperationException($"{rpc.Endpoint} returned no latest block");
        var lastInitialized = await rounds.LastInitializedRoundAsync(cancellationToken);
        CurrentRound = await rounds.CurrentRoundAsync(cancellationToken);
        if (lastInitialized != LastInitializedRound || LastInitializedL1BlockHash == Hash32.Zero)
        {
            // Round hashes come from the contract, never from headers: Arbitrum's blockhash is not Ethereum's (spec §14).
            LastInitializedL1BlockHash = await rounds.BlockHashForRoundAsync(lastInitialized, cancellationToken);
            PreLastInitializedL1BlockHash = lastInitialized > 0 ? await rounds.BlockHashForRoundAsync(lastInitialized - 1, cancellationToken) : Hash32.Zero;
            LastInitializedRound = lastInitialized;
        }

        var newBlock = head.ContractBlockNumber != LastSeenL1Block;
        LastSeenL1Block = head.ContractBlockNumber;
        return newBlock;
    }
}
