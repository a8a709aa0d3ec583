using Livepeer.Crypto;
using Livepeer.Rounds;

namespace Livepeer.Protocol.Ethereum;

/// <summary>Round initialization and reward (with pool hints) through the RoundsManager and BondingManager contracts.</summary>
public sealed class EthereumRoundsClient(RoundsManagerClient rounds, BondingManagerClient bonding) : IRoundsClient
{
    public async Task<RoundState> ReadAsync(EthAddress orchestrator)
    {
        var current = await rounds.CurrentRoundAsync();
        var initialized = await rounds.CurrentRoundInitializedAsync();
        var active = await bonding.IsActiveTranscoderAsync(orchestrator);
        var lastReward = active ? (long)(await bonding.GetTranscoderAsync(orchestrator)).LastRewardRound : 0;
        return new RoundState(current, initialized, active, lastReward);
    }

    /// <summary>Checks <c>currentRoundInitialized</c> first, as go-livepeer does, so a node that lost the race sends nothing.</summary>
    public async Task<bool> InitializeRoundAsync()
    {
        if (await rounds.CurrentRoundInitializedAsync())
        {
            return false;
        }

        await rounds.InitializeRoundAsync();
        return true;
    }

    /// <summary>
    /// <c>rewardWithHint</c> with the orchestrator's neighbours in the pool, as go-livepeer rewards, so the contract
    /// re-sorts it without walking the list.
    /// </summary>
    public async Task RewardAsync()
    {
        var (prev, next) = TranscoderPoolHints.Neighbours(await bonding.GetTranscoderPoolAsync(), bonding.Account);
        await bonding.RewardWithHintAsync(prev, next);
    }
}
