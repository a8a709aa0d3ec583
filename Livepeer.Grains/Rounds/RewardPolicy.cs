namespace Livepeer.Rounds;

/// <summary>
/// Decides when the orchestrator calls reward (go-livepeer's <c>eth/rewardservice.go</c>): once per round, once the round
/// is initialized, while it is active and has not yet called it this round (the contract refuses a second call).
/// </summary>
public sealed class RewardPolicy(bool enabled)
{
    private long? attemptedRound;

    /// <summary>Whether to call reward now, given the round as read on this block.</summary>
    public bool ShouldReward(RoundState round) =>
        enabled
        && round.Initialized
        && round.Active
        && round.LastRewardRound < round.CurrentRound
        && attemptedRound != round.CurrentRound;

    /// <summary>
    /// Records that reward was called for <paramref name="round"/>, whether it was mined or the contract refused it: a
    /// refusal would repeat on every block. A call that never reached the chain (RPC down) is not recorded, so it is
    /// tried again on the next block.
    /// </summary>
    public void Attempted(long round) => attemptedRound = round;
}
