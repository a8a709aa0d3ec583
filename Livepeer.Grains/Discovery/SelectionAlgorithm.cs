using System.Numerics;
using Livepeer.Payments;

namespace Livepeer.Discovery;

/// <summary>An orchestrator the selection algorithm may pick: its price per pixel and its stake (0 when not on chain).</summary>
public sealed record SelectionCandidate(string Key, BigRational PricePerPixel, BigInteger Stake);

/// <summary>
/// go-livepeer's <c>ProbabilitySelectionAlgorithm</c> (see shared spec: network.md §6.4): drop orchestrators above the
/// max price, then draw one with probability <c>wPrice × priceProb + wStake × stakeProb + wRand × 1/N</c>, where
/// <c>priceProb ∝ exp(−pricePerPixel / priceExpFactor)</c> and <c>stakeProb = stake / Σ stake</c> (1 with no stake).
/// </summary>
public sealed class SelectionAlgorithm
{
    public double StakeWeight { get; init; } = 0.7;

    public double RandomWeight { get; init; } = 0.3;

    public double PriceWeight { get; init; }

    public double PriceExpFactor { get; init; } = 100;

    /// <summary>Highest price per pixel accepted; null means no limit (go-livepeer's <c>-maxPricePerUnit</c> 0).</summary>
    public BigRational? MaxPricePerPixel { get; init; }

    /// <summary>The candidates under the max price, in their order.</summary>
    public IReadOnlyList<SelectionCandidate> Affordable(IReadOnlyList<SelectionCandidate> candidates) =>
        MaxPricePerPixel is { } max ? [.. candidates.Where(c => c.PricePerPixel <= max)] : candidates;

    /// <summary>Each affordable candidate's probability; they sum to 1 (empty when none is affordable).</summary>
    public IReadOnlyList<(SelectionCandidate Candidate, double Probability)> Probabilities(IReadOnlyList<SelectionCandidate> candidates)
    {
        var affordable = Affordable(candidates);
        if (affordable.Count == 0)
            return [];
        var priceNorms = affordable.Select(c => Math.Exp(-ToDouble(c.PricePerPixel) / PriceExpFactor)).ToList();
        var priceSum = priceNorms.Sum();
        var totalStake = affordable.Aggregate(BigInteger.Zero, (sum, c) => sum + c.Stake);
        var probabilities = affordable.Select((c, i) =>
        {
            var priceProb = priceSum > 0 ? priceNorms[i] / priceSum : 1.0 / affordable.Count;
            var stakeProb = totalStake.IsZero ? 1.0 : (double)c.Stake / (double)totalStake;
            return PriceWeight * priceProb + StakeWeight * stakeProb + RandomWeight / affordable.Count;
        }).ToList();
        var total = probabilities.Sum();
        return [.. affordable.Select((c, i) => (c, probabilities[i] / total))];
    }

    /// <summary>Draws one affordable candidate by cumulative probability; null when none is affordable.</summary>
    public SelectionCandidate? Select(IReadOnlyList<SelectionCandidate> candidates, Random random)
    {
        var weighted = Probabilities(candidates);
        if (weighted.Count == 0)
            return null;
        var draw = random.NextDouble();
        var cumulative = 0.0;
        foreach (var (candidate, probability) in weighted)
        {
            cumulative += probability;
            if (draw < cumulative)
                return candidate;
        }
        // Rounding left the draw past the last sum: go-livepeer falls back to the first address.
        return weighted[0].Candidate;
    }

    private static double ToDouble(BigRational value) => (double)value.Numerator / (double)value.Denominator;
}
