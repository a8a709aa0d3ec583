using System.Numerics;
using Livepeer.Discovery;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Discovery;

public sealed class SelectionTests
{
    [Fact]
    public void Probabilities_follow_go_livepeers_weights()
    {
        var algorithm = new SelectionAlgorithm();
        SelectionCandidate[] candidates = [new("a", 1, 300), new("b", 1, 100)];

        var p = algorithm.Probabilities(candidates).ToDictionary(x => x.Candidate.Key, x => x.Probability);

        // 0.7 × stake share + 0.3 × 1/N.
        Assert.Equal(0.7 * 0.75 + 0.15, p["a"], 9);
        Assert.Equal(0.7 * 0.25 + 0.15, p["b"], 9);
    }

    [Fact]
    public void Draws_spread_by_stake()
    {
        var algorithm = new SelectionAlgorithm();
        SelectionCandidate[] candidates = [new("a", 1, 900), new("b", 1, 100)];
        var random = new Random(7);

        var picks = Enumerable.Range(0, 10_000).Select(_ => algorithm.Select(candidates, random)!.Key).ToList();

        // Expected share of a: 0.7 × 0.9 + 0.15 = 0.78.
        Assert.InRange(picks.Count(k => k == "a") / 10_000.0, 0.75, 0.81);
    }

    [Fact]
    public void Max_price_filters_and_nobody_affordable_selects_nobody()
    {
        var algorithm = new SelectionAlgorithm { MaxPricePerPixel = new BigRational(2, 1) };
        SelectionCandidate[] candidates = [new("cheap", 1, 0), new("dear", 3, 1000)];

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal("cheap", algorithm.Select(candidates, Random.Shared)!.Key));
        Assert.Null(algorithm.Select([new("dear", 3, BigInteger.One)], Random.Shared));
    }

    [Fact]
    public void Price_weight_prefers_the_cheaper()
    {
        var algorithm = new SelectionAlgorithm { StakeWeight = 0, RandomWeight = 0, PriceWeight = 1 };

        var p = algorithm.Probabilities([new("cheap", 0, 0), new("dear", 100, 0)]).ToDictionary(x => x.Candidate.Key, x => x.Probability);

        Assert.Equal(1 / (1 + Math.Exp(-1)), p["cheap"], 9);
    }

    [Fact]
    public void Suspension_lasts_its_penalty_in_refreshes()
    {
        var suspender = new Suspender();
        suspender.Suspend("o", 2);

        Assert.NotEqual(0, suspender.Suspended("o"));
        suspender.SignalRefresh();
        Assert.NotEqual(0, suspender.Suspended("o"));
        suspender.SignalRefresh();
        Assert.Equal(0, suspender.Suspended("o"));
        Assert.Equal(3, Suspender.Penalty(poolSize: 5, numOrchestrators: 2));
    }
}
