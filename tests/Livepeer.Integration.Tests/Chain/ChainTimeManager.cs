using Livepeer.Crypto;
using Livepeer.Ethereum;
using Livepeer.Payments;
using Livepeer.Protocol.Ethereum;

namespace Livepeer.Integration.Tests.Chain;

/// <summary>
/// The round and block view a Sender or Recipient needs, read from the chain on <see cref="RefreshAsync"/> (the node
/// keeps it current from NewRound logs and new heads; a test refreshes it by hand after moving the chain).
/// </summary>
public sealed class ChainTimeManager(JsonRpcClient rpc, RoundsManagerClient rounds) : ITimeManager
{
    public long LastSeenL1Block { get; private set; }

    public long LastInitializedRound { get; private set; }

    public Hash32 LastInitializedL1BlockHash { get; private set; } = Hash32.Zero;

    public Hash32 PreLastInitializedL1BlockHash { get; private set; } = Hash32.Zero;

    public async Task RefreshAsync()
    {
        // anvil's l1BlockNumber equals its block number; on Arbitrum the header's l1BlockNumber is what rounds count.
        var head = await rpc.GetBlockByNumberAsync(BlockParameter.Latest) ?? throw new InvalidOperationException("no latest block");
        LastSeenL1Block = head.ContractBlockNumber;
        LastInitializedRound = await rounds.LastInitializedRoundAsync();
        LastInitializedL1BlockHash = await rounds.BlockHashForRoundAsync(LastInitializedRound);
        PreLastInitializedL1BlockHash = LastInitializedRound > 0 ? await rounds.BlockHashForRoundAsync(LastInitializedRound - 1) : Hash32.Zero;
    }
}
