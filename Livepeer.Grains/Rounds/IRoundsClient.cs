using Livepeer.Crypto;

namespace Livepeer.Rounds;

/// <summary>
/// The round calls a node makes on chain (go-livepeer's round initializer and reward service). Only an Ethereum node
/// has one: every round of the embedded ledger counts as initialized and it mints no rewards.
/// </summary>
public interface IRoundsClient
{
    /// <summary>The chain's round and the orchestrator's standing in it, read now.</summary>
    Task<RoundState> ReadAsync(EthAddress orchestrator);

    /// <summary>Initializes the current round unless someone already did; returns whether this call did.</summary>
    Task<bool> InitializeRoundAsync();

    /// <summary>Calls reward for the current round from the orchestrator's account.</summary>
    Task RewardAsync();
}

/// <param name="CurrentRound">The round the chain is in.</param>
/// <param name="Initialized">Whether <paramref name="CurrentRound"/> is initialized.</param>
/// <param name="Active">Whether the orchestrator is a registered transcoder active in the current round.</param>
/// <param name="LastRewardRound">The last round the orchestrator called reward in.</param>
public sealed record RoundState(long CurrentRound, bool Initialized, bool Active, long LastRewardRound);
