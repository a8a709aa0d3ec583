using Livepeer.Crypto;

namespace Livepeer.Protocol.Ethereum;

/// <summary>
/// The <c>(prev, next)</c> position hints of the <c>*WithHint</c> calls, from a pool walk (shared spec §7.2). go-livepeer
/// simulates the re-sort with the predicted reward (<c>simulateTranscoderPoolUpdate</c>); we take the transcoder's
/// current neighbours instead: one round's reward rarely moves it past one, and a hint that is off by a few places only
/// costs the contract a short linear search, never a failure.
/// </summary>
public static class TranscoderPoolHints
{
    /// <summary>The members just above and below <paramref name="transcoder"/>; the zero address where there is none or it is not in the pool.</summary>
    public static (EthAddress Prev, EthAddress Next) Neighbours(IReadOnlyList<TranscoderPoolMember> pool, EthAddress transcoder)
    {
        for (var i = 0; i < pool.Count; i++)
        {
            if (pool[i].Address == transcoder)
            {
                return (i > 0 ? pool[i - 1].Address : EthAddress.Zero, i + 1 < pool.Count ? pool[i + 1].Address : EthAddress.Zero);
            }
        }

        return (EthAddress.Zero, EthAddress.Zero);
    }
}
