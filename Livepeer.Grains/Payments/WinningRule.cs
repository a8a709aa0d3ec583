using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Payments;

/// <summary>
/// The contract's isWinningTicket (see shared spec: payments.md §6): the ticket wins when
/// uint256(keccak256(sig ‖ pad32(recipientRand))) &lt; winProb. The signature is part of the
/// input, so neither side can predict or grind the outcome.
/// </summary>
public static class WinningRule
{
    public static bool IsWinning(ReadOnlySpan<byte> signature, BigInteger recipientRand, BigInteger winProb)
    {
        Span<byte> rand = stackalloc byte[BigIntegerEncoding.Uint256Length];
        BigIntegerEncoding.WriteUint256(recipientRand, rand);
        Span<byte> hash = stackalloc byte[Keccak256.HashLength];
        Keccak256.Hash(signature, rand, hash);
        return BigIntegerEncoding.FromUnsigned(hash) < winProb;
    }
}
