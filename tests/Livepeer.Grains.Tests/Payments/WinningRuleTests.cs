using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments;

public class WinningRuleTests
{
    [Fact]
    public void Spec_vectors_zero_loses_max_wins()
    {
        // shared spec: payments.md §16.5
        Assert.False(WinningRule.IsWinning("foo"u8, 10, 0));
        Assert.True(WinningRule.IsWinning("foo"u8, 10, TicketEv.MaxWinProb));
    }

    [Fact]
    public void Ticket_wins_exactly_when_the_hash_is_below_win_prob()
    {
        var signature = new byte[65];
        signature[3] = 7;
        var hash = BigIntegerEncoding.FromUnsigned(Keccak256.Hash([.. signature, .. BigIntegerEncoding.ToUint256Bytes(12345)]));

        Assert.False(WinningRule.IsWinning(signature, 12345, hash));
        Assert.True(WinningRule.IsWinning(signature, 12345, hash + 1));
    }

    [Fact]
    public void Outcome_depends_on_signature_and_rand()
    {
        var winProb = TicketEv.MaxWinProb / 2;
        var outcomes = Enumerable.Range(0, 64)
            .Select(i => WinningRule.IsWinning(BitConverter.GetBytes(i), new BigInteger(i) * 7919, winProb))
            .ToList();
        Assert.Contains(true, outcomes);
        Assert.Contains(false, outcomes);
    }
}
