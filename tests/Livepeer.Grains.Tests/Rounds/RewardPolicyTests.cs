using Livepeer.Rounds;

namespace Livepeer.Grains.Tests.Rounds;

public sealed class RewardPolicyTests
{
    [Fact]
    public void An_active_orchestrator_calls_reward_once_in_an_initialized_round()
    {
        var policy = new RewardPolicy(enabled: true);
        var round = new RoundState(CurrentRound: 10, Initialized: true, Active: true, LastRewardRound: 9);

        Assert.True(policy.ShouldReward(round));
        policy.Attempted(10);
        Assert.False(policy.ShouldReward(round));
        Assert.True(policy.ShouldReward(round with { CurrentRound = 11 }));
    }

    [Theory]
    [InlineData(true, false, true, 9)] // the round is not initialized yet
    [InlineData(true, true, false, 9)] // not active this round
    [InlineData(true, true, true, 10)] // already called this round (by an earlier run)
    [InlineData(false, true, true, 9)] // reward is off
    public void No_reward_call(bool enabled, bool initialized, bool active, long lastRewardRound)
    {
        var policy = new RewardPolicy(enabled);

        Assert.False(policy.ShouldReward(new RoundState(10, initialized, active, lastRewardRound)));
    }
}
